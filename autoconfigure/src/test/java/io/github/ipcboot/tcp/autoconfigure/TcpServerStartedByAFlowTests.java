package io.github.ipcboot.tcp.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpServers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.TcpReceivingChannelAdapter;
import org.springframework.integration.ip.tcp.TcpSendingMessageHandler;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of a server whose connection factory a Spring Integration flow of the user's consumes: the
 * flow's adapters start the factory before the starter does, with an executor of Spring
 * Integration's own; closing the context must still end every thread of the server.
 */
class TcpServerStartedByAFlowTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void flowShouldBeServedAndClosingTheContextShouldEndEveryThreadOfTheServer(String ioMode) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
			.withUserConfiguration(EchoFlow.class)
			.withPropertyValues("ipc.tcp.servers.flowed.port=0", "ipc.tcp.servers.flowed.address=127.0.0.1",
					"ipc.tcp.servers.flowed.io-mode=" + ioMode)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				int port = context.getBean(TcpServers.class).port("flowed");
				try (LineClient client = new LineClient(port)) {
					// one request at a time: Spring Integration's NIO path may hand a flow the
					// frames of one read on several threads, out of order
					assertThat(client.request("one")).isEqualTo("FLOW one");
					assertThat(client.request("two")).isEqualTo("FLOW two");
				}
				// the flow got the messages Spring Integration's mapper makes, with their headers
				// (the starter's own NIO read path serves only its listeners)
				EchoFlow flow = context.getBean(EchoFlow.class);
				assertThat(flow.connectionIds).hasSize(2).doesNotContainNull();
				assertThat(flow.messageTypes).hasSize(2).doesNotContain("FrameMessage");
			});
		// the watchdog and connection threads of the server (Spring Integration's own end with it)
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("ipc-tcp-flowed-"))
			.toList()).isEmpty());
	}

	/**
	 * A Spring Integration flow of the user's on the server's connection factory (no
	 * {@code @TcpListener}): collaborating inbound and outbound channel adapters.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class EchoFlow {

		final List<Object> connectionIds = new CopyOnWriteArrayList<>();

		final List<String> messageTypes = new CopyOnWriteArrayList<>();

		@Bean
		DirectChannel frames() {
			return new DirectChannel();
		}

		@Bean
		TcpReceivingChannelAdapter inbound(AbstractServerConnectionFactory flowedTcpServerConnectionFactory,
				DirectChannel frames) {
			TcpReceivingChannelAdapter adapter = new TcpReceivingChannelAdapter();
			adapter.setConnectionFactory(flowedTcpServerConnectionFactory);
			adapter.setOutputChannel(frames);
			return adapter;
		}

		@Bean
		TcpSendingMessageHandler outbound(AbstractServerConnectionFactory flowedTcpServerConnectionFactory,
				DirectChannel frames) {
			TcpSendingMessageHandler handler = new TcpSendingMessageHandler();
			handler.setConnectionFactory(flowedTcpServerConnectionFactory);
			frames.subscribe((message) -> {
				this.connectionIds.add(message.getHeaders().get(IpHeaders.CONNECTION_ID));
				this.messageTypes.add(message.getClass().getSimpleName());
				String line = new String((byte[]) message.getPayload(), StandardCharsets.UTF_8);
				handler.handleMessage(MessageBuilder.withPayload(("FLOW " + line).getBytes(StandardCharsets.UTF_8))
					.copyHeaders(message.getHeaders())
					.build());
			});
			return handler;
		}

	}

}
