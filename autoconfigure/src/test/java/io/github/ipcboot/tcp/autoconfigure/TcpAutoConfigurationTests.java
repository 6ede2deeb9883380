package io.github.ipcboot.tcp.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.Matcher;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ipcboot.tcp.ConnectionGate.Rejection;
import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.TcpSession;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorFactoryChain;
import org.springframework.integration.ip.tcp.connection.TcpConnectionInterceptorSupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link TcpAutoConfiguration}: servers from properties, listeners, limits and errors,
 * over real loopback sockets on ephemeral ports.
 */
class TcpAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
		.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1",
				"ipc.tcp.servers.echo.io-mode=" + ioMode());

	/**
	 * The I/O mode every test of this class runs with.
	 */
	String ioMode() {
		return "net";
	}

	@Test
	void noServerConfiguredShouldCreateNoServer() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(AbstractServerConnectionFactory.class);
				assertThat(context.getBean(TcpServers.class).names()).isEmpty();
			});
	}

	@Test
	void configuredServerShouldAnswerThroughItsListenerAndExposeItsConnectionFactory() {
		this.contextRunner.withUserConfiguration(AckListener.class).run(withClient((context, client) -> {
			assertThat(context).hasBean("echoTcpServerConnectionFactory").hasBean("echoTcpServer");
			assertThat(client.request("hello")).isEqualTo("ACK hello");
			assertThat(client.request("wörld")).isEqualTo("ACK wörld");
		}));
	}

	@Test
	void listenerShouldStreamFramesThroughTheSession() {
		this.contextRunner.withUserConfiguration(StreamingListener.class).run(withClient((context, client) -> {
			client.send("3");
			assertThat(client.readLine()).isEqualTo("part 1");
			assertThat(client.readLine()).isEqualTo("part 2");
			assertThat(client.readLine()).isEqualTo("part 3");
			assertThat(client.readLine()).startsWith("OK from /127.0.0.1:");
		}));
	}

	@Test
	void streamedFramesShouldReachTheClientWhileTheListenerIsStillRunning() {
		this.contextRunner.withUserConfiguration(SlowStreamingListener.class).run(withClient((context, client) -> {
			client.send("go");
			assertThat(client.readLine()).isEqualTo("first");
			context.getBean(SlowStreamingListener.class).firstReceived.countDown();
			assertThat(client.readLine()).isEqualTo("done");
		}));
	}

	@Test
	void repliesToPipelinedRequestsShouldArriveAlsoWhenLaterRequestsHaveNoReply() {
		this.contextRunner.withUserConfiguration(SelectiveListener.class).run(withClient((context, client) -> {
			client.write("answer 1\r\nsilent\r\nanswer 2\r\nsilent\r\n");
			assertThat(client.readLine()).isEqualTo("answer 1");
			assertThat(client.readLine()).isEqualTo("answer 2");
		}));
	}

	@Test
	void clientThatClosesItsSendingSideShouldStillGetEveryReply() {
		this.contextRunner.withUserConfiguration(AckListener.class).run(withClient((context, client) -> {
			client.write(numberedLines(200));
			client.shutdownOutput();
			for (int i = 0; i < 200; i++) {
				assertThat(client.readLine()).isEqualTo("ACK " + i);
			}
			assertThat(client.readLine()).isNull();
		}));
	}

	@Test
	void repliesToFramesBeforeAnOversizedOneShouldArriveFirst() {
		this.contextRunner.withUserConfiguration(AckListener.class)
			.withPropertyValues("ipc.tcp.servers.echo.max-frame-size=16B",
					"ipc.tcp.servers.echo.on-frame-too-large=reply-and-close")
			.run(withClient((context, client) -> {
				client.write("one\r\ntwo\r\n" + "z".repeat(100) + "\r\nthree\r\n");
				assertThat(client.readLine()).isEqualTo("ACK one");
				assertThat(client.readLine()).isEqualTo("ACK two");
				assertThat(client.readLine()).isEqualTo("ERR FRAME_TOO_LARGE 16");
				assertThat(client.isClosedByServer()).isTrue();
			}));
	}

	@Test
	void pipelinedRequestsShouldBeAnsweredInOrder() {
		this.contextRunner.withUserConfiguration(AckListener.class).run(withClient((context, client) -> {
			client.write(numberedLines(10_000));
			for (int i = 0; i < 10_000; i++) {
				assertThat(client.readLine()).isEqualTo("ACK " + i);
			}
		}));
	}

	@Test
	void closeCallbacksShouldRunOnceWhenTheClientDisconnects() {
		this.contextRunner.withUserConfiguration(CloseWatchingListener.class).run((context) -> {
			int port = context.getBean(TcpServers.class).port("echo");
			CloseWatchingListener listener = context.getBean(CloseWatchingListener.class);
			try (LineClient client = new LineClient(port)) {
				assertThat(client.request("watch")).isEqualTo("watching");
				assertThat(listener.closes).hasValue(0);
			}
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(listener.closes).hasValue(2));
			// registered after the close: runs at once
			listener.session.onClose(listener.closes::incrementAndGet);
			assertThat(listener.closes).hasValue(3);
		});
	}

	@Test
	void serverWithoutListenerShouldFailStartUp() {
		this.contextRunner.run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.hasMessageContaining("TCP server 'echo' has no @TcpListener(\"echo\") method"));
	}

	@Test
	void twoListenersForOneServerShouldFailStartUp() {
		this.contextRunner.withUserConfiguration(AckListener.class, StreamingListener.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("TCP server 'echo' has 2 @TcpListener methods"));
	}

	@Test
	void listenerForAnUnknownServerShouldFailStartUp() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
			.withUserConfiguration(AckListener.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("@TcpListener(\"echo\")")
				.hasMessageContaining("names no configured server"));
	}

	@Test
	void portInUseShouldFailStartUpClearly() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			this.contextRunner.withUserConfiguration(AckListener.class)
				.withPropertyValues("ipc.tcp.servers.echo.port=" + taken.getLocalPort())
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining("TCP server 'echo' could not listen on 127.0.0.1:" + taken.getLocalPort()));
		}
	}

	@Test
	void listenerFailureShouldCloseTheConnectionByDefault() {
		this.contextRunner.withUserConfiguration(FailingListener.class).run(withClient((context, client) -> {
			client.send("boom");
			assertThat(client.isClosedByServer()).isTrue();
		}));
	}

	@Test
	void listenerFailureShouldBeAnsweredWhenConfigured() {
		this.contextRunner.withUserConfiguration(FailingListener.class)
			.withPropertyValues("ipc.tcp.servers.echo.on-listener-error=reply")
			.run(withClient((context, client) -> {
				assertThat(client.request("boom")).isEqualTo("ERR IllegalStateException");
				assertThat(client.request("fine")).isEqualTo("fine");
				assertThat(context.getBean(TcpServers.class).get("echo").getListenerErrors()).isEqualTo(1);
			}));
	}

	@Test
	void connectionsOverTheLimitShouldBeClosedAndCounted() {
		this.contextRunner.withUserConfiguration(AckListener.class)
			.withPropertyValues("ipc.tcp.servers.echo.max-connections=1")
			.run(withClient((context, first) -> {
				assertThat(first.request("one")).isEqualTo("ACK one");
				int port = context.getBean(TcpServers.class).port("echo");
				try (LineClient second = new LineClient(port)) {
					assertThat(second.isClosedByServer()).isTrue();
				}
				assertThat(context.getBean(TcpServers.class).get("echo").getGate().getRejected(Rejection.MAX_CONNECTIONS))
					.isEqualTo(1);
				assertThat(first.request("still")).isEqualTo("ACK still");
			}));
	}

	@Test
	void connectionsFromOutsideTheAllowedRangesShouldBeClosedBeforeReading() {
		this.contextRunner.withUserConfiguration(AckListener.class)
			.withPropertyValues("ipc.tcp.servers.echo.allowed-clients=10.0.0.0/8,192.168.0.0/16")
			.run(withClient((context, client) -> {
				client.send("let me in");
				assertThat(client.isClosedByServer()).isTrue();
				assertThat(context.getBean(TcpServers.class).get("echo").getGate().getRejected(Rejection.NOT_ALLOWED))
					.isEqualTo(1);
				assertThat(context.getBean(AckListener.class).calls).isZero();
			}));
	}

	@Test
	void connectionsFromAllowedRangesShouldBeServed() {
		this.contextRunner.withUserConfiguration(AckListener.class)
			.withPropertyValues("ipc.tcp.servers.echo.allowed-clients=10.0.0.0/8,127.0.0.0/8")
			.run(withClient((context, client) -> assertThat(client.request("hi")).isEqualTo("ACK hi")));
	}

	@Test
	void idleConnectionsShouldBeClosed() {
		this.contextRunner.withUserConfiguration(AckListener.class)
			.withPropertyValues("ipc.tcp.servers.echo.idle-timeout=200ms")
			.run(withClient((context, client) -> {
				assertThat(client.request("hi")).isEqualTo("ACK hi");
				assertThat(client.isClosedByServer()).isTrue();
				await().atMost(TIMEOUT)
					.until(() -> context.getBean(TcpServers.class).get("echo").getActiveConnections() == 0);
			}));
	}

	/**
	 * A server whose frames may be 16 bytes and that answers longer ones with an error frame.
	 */
	ApplicationContextRunner replyingToOversizedFrames() {
		return this.contextRunner.withUserConfiguration(AckListener.class)
			.withPropertyValues("ipc.tcp.servers.echo.max-frame-size=16B",
					"ipc.tcp.servers.echo.on-frame-too-large=reply");
	}

	@Test
	void oversizedFrameShouldBeAnsweredWhenConfiguredToReply() {
		replyingToOversizedFrames().run(withClient((context, client) -> {
			assertThat(client.request("x".repeat(5000))).isEqualTo("ERR FRAME_TOO_LARGE 16");
			assertConnectionAfterAnsweredOversizedFrame(client);
			assertThat(context.getBean(TcpServers.class).get("echo").getFramesTooLarge()).isEqualTo(1);
		}));
	}

	/**
	 * Check what became of a connection after an oversized frame was answered with
	 * {@code on-frame-too-large: reply}: a blocking connection skips the rest of the frame and
	 * serves the next one.
	 */
	void assertConnectionAfterAnsweredOversizedFrame(LineClient client) throws IOException {
		assertThat(client.request("short")).isEqualTo("ACK short");
	}

	@Test
	void oversizedFrameShouldCloseOnlyItsConnectionAfterTheReply() {
		this.contextRunner.withUserConfiguration(AckListener.class)
			.withPropertyValues("ipc.tcp.servers.echo.max-frame-size=16B",
					"ipc.tcp.servers.echo.on-frame-too-large=reply-and-close")
			.run(withClient((context, client) -> {
				int port = context.getBean(TcpServers.class).port("echo");
				try (LineClient other = new LineClient(port)) {
					assertThat(client.request("y".repeat(100))).isEqualTo("ERR FRAME_TOO_LARGE 16");
					assertThat(client.isClosedByServer()).isTrue();
					assertThat(other.request("fine")).isEqualTo("ACK fine");
				}
			}));
	}

	@Test
	void garbageAndHalfFramesShouldNotDisturbOtherClients() {
		this.contextRunner.withUserConfiguration(AckListener.class)
			.withPropertyValues("ipc.tcp.servers.echo.max-frame-size=64B")
			.run(withClient((context, good) -> {
				int port = context.getBean(TcpServers.class).port("echo");
				byte[] garbage = new byte[4096];
				new java.util.Random(1).nextBytes(garbage);
				try (LineClient bad = new LineClient(port)) {
					bad.write(garbage);
				}
				try (LineClient half = new LineClient(port)) {
					half.write("no end of line");
				}
				assertThat(good.request("ok")).isEqualTo("ACK ok");
				await().atMost(TIMEOUT)
					.until(() -> context.getBean(TcpServers.class).get("echo").getActiveConnections() == 1);
			}));
	}

	@Test
	void connectionFloodShouldBeTurnedAwayWhileConnectedClientsAreServed() {
		this.contextRunner.withUserConfiguration(AckListener.class)
			.withPropertyValues("ipc.tcp.servers.echo.max-connections=20")
			.run(withClient((context, good) -> {
				int port = context.getBean(TcpServers.class).port("echo");
				java.util.List<java.net.Socket> flood = new java.util.ArrayList<>();
				try {
					for (int i = 0; i < 300; i++) {
						flood.add(new java.net.Socket(InetAddress.getLoopbackAddress(), port));
					}
					assertThat(good.request("during the flood")).isEqualTo("ACK during the flood");
					await().atMost(TIMEOUT)
						.until(() -> context.getBean(TcpServers.class)
							.get("echo")
							.getGate()
							.getRejected(Rejection.MAX_CONNECTIONS) >= 300 - 19);
				}
				finally {
					for (java.net.Socket socket : flood) {
						socket.close();
					}
				}
				await().atMost(TIMEOUT)
					.until(() -> context.getBean(TcpServers.class).get("echo").getActiveConnections() == 1);
				assertThat(good.request("after the flood")).isEqualTo("ACK after the flood");
			}));
	}

	@Test
	void slowSenderShouldNotHoldUpOtherClients() {
		this.contextRunner.withUserConfiguration(AckListener.class).run(withClient((context, good) -> {
			int port = context.getBean(TcpServers.class).port("echo");
			try (LineClient slow = new LineClient(port)) {
				byte[] line = "slowly\r\n".getBytes(StandardCharsets.US_ASCII);
				for (int i = 0; i < line.length; i++) {
					slow.write(new byte[] { line[i] });
					// every byte of the slow line arrives on its own, between two full exchanges
					assertThat(good.request("fast " + i)).isEqualTo("ACK fast " + i);
				}
				assertThat(slow.readLine()).isEqualTo("ACK slowly");
			}
		}));
	}

	@Test
	void silentSlowSenderShouldBeClosedByTheIdleTimeout() {
		this.contextRunner.withUserConfiguration(AckListener.class)
			.withPropertyValues("ipc.tcp.servers.echo.idle-timeout=300ms")
			.run(withClient((context, good) -> {
				int port = context.getBean(TcpServers.class).port("echo");
				try (LineClient slow = new LineClient(port)) {
					slow.write("half a li");
					assertThat(good.request("meanwhile")).isEqualTo("ACK meanwhile");
					assertThat(slow.isClosedByServer()).isTrue();
				}
			}));
	}

	@Test
	void closingTheContextShouldEndEveryConnectionThread() {
		this.contextRunner.withUserConfiguration(AckListener.class).run(withClient((context, client) -> {
			assertThat(client.request("hi")).isEqualTo("ACK hi");
			assertThat(connectionThreads()).isNotEmpty();
			context.close();
			assertThat(client.isClosedByServer()).isTrue();
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(connectionThreads()).isEmpty());
		}));
	}

	private static java.util.List<String> connectionThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("ipc-tcp-echo-"))
			.toList();
	}

	@Test
	void connectionInterceptorOfTheUserShouldSeeTheHeadersSpringIntegrationGivesEveryFrame() {
		this.contextRunner.withUserConfiguration(AckListener.class, HeaderRecordingInterceptor.class)
			.run(withClient((context, client) -> {
				assertThat(client.request("one")).isEqualTo("ACK one");
				assertThat(client.request("two")).isEqualTo("ACK two");
				HeaderRecordingInterceptor interceptor = context.getBean(HeaderRecordingInterceptor.class);
				assertThat(interceptor.headers).hasSize(2);
				for (MessageHeaders headers : interceptor.headers) {
					assertThat(headers.getId()).isNotNull();
					assertThat(headers.get(IpHeaders.CONNECTION_ID, String.class)).isNotBlank();
					assertThat(headers.get(IpHeaders.IP_ADDRESS)).isEqualTo("127.0.0.1");
					assertThat(headers.get(IpHeaders.REMOTE_PORT)).isEqualTo(client.localPort());
				}
			}));
	}

	@Test
	void listenerThrowingAnErrorShouldCloseItsConnection() {
		this.contextRunner.withUserConfiguration(ErrorThrowingListener.class).run(withClient((context, client) -> {
			client.send("fatal");
			assertThat(client.isClosedByServer()).isTrue();
			int port = context.getBean(TcpServers.class).port("echo");
			try (LineClient other = new LineClient(port)) {
				assertThat(other.request("fine")).isEqualTo("fine");
			}
		}));
	}

	@Test
	void listenerBeansShouldBeCreatedAlsoWithLazyInitialization() {
		this.contextRunner.withUserConfiguration(AckListener.class)
			.withInitializer((context) -> context
				.addBeanFactoryPostProcessor(new org.springframework.boot.LazyInitializationBeanFactoryPostProcessor()))
			.run(withClient((context, client) -> assertThat(client.request("lazy")).isEqualTo("ACK lazy")));
	}

	@Test
	void invalidFramingShouldFailStartUp() {
		this.contextRunner.withUserConfiguration(AckListener.class)
			.withPropertyValues("ipc.tcp.servers.echo.framing=terminator")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Invalid configuration of ipc.tcp.servers.echo: framing 'terminator' needs a terminator"));
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void failedStartUpShouldLeaveNoServerListening(CapturedOutput output) throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int start = output.length();
			this.contextRunner.withUserConfiguration(AckListener.class, SecondServerListener.class)
				.withPropertyValues("ipc.tcp.servers.second.port=" + taken.getLocalPort(),
						"ipc.tcp.servers.second.address=127.0.0.1")
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("TCP server 'second' could not listen"));
			// the first server was bound (servers start in configuration order, and each logs its
			// port once bound, before the next one starts) ...
			Matcher bound = Pattern.compile("TCP server 'echo' listening on \\S+, port (\\d+) ")
				.matcher(output.toString().substring(start));
			assertThat(bound.find()).as("the first server's 'listening' log line").isTrue();
			int firstPort = Integer.parseInt(bound.group(1));
			assertThat(firstPort).isPositive();
			// ... and must not be left listening
			await().atMost(TIMEOUT).untilAsserted(() -> {
				try (ServerSocket rebind = new ServerSocket(firstPort, 1, InetAddress.getLoopbackAddress())) {
					assertThat(rebind.getLocalPort()).isEqualTo(firstPort);
				}
			});
		}
	}

	/**
	 * Lines "0", "1", ... each with CRLF, to pipeline in one write.
	 */
	static String numberedLines(int count) {
		StringBuilder batch = new StringBuilder();
		for (int i = 0; i < count; i++) {
			batch.append(i).append("\r\n");
		}
		return batch.toString();
	}

	static ContextConsumer<AssertableApplicationContext> withClient(ClientTest test) {
		return (context) -> {
			assertThat(context).hasNotFailed();
			int port = context.getBean(TcpServers.class).port("echo");
			try (LineClient client = new LineClient(port)) {
				test.run(context, client);
			}
		};
	}

	/**
	 * A user's connection interceptor, added to the server's connection factory before it starts:
	 * records the headers of every frame it passes on to the {@code @TcpListener}.
	 */
	@Configuration(proxyBeanMethods = false)
	static class HeaderRecordingInterceptor implements BeanPostProcessor {

		final java.util.List<MessageHeaders> headers = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Override
		public Object postProcessBeforeInitialization(Object bean, String beanName) {
			if (bean instanceof AbstractServerConnectionFactory factory) {
				TcpConnectionInterceptorFactoryChain chain = new TcpConnectionInterceptorFactoryChain();
				chain.setInterceptor(() -> new TcpConnectionInterceptorSupport() {

					@Override
					public void onMessage(Message<?> message) {
						HeaderRecordingInterceptor.this.headers.add(message.getHeaders());
						super.onMessage(message);
					}

				});
				factory.setInterceptorFactoryChain(chain);
			}
			return bean;
		}

	}

	@FunctionalInterface
	interface ClientTest {

		void run(AssertableApplicationContext context, LineClient client) throws Exception;

	}

	@Configuration(proxyBeanMethods = false)
	static class AckListener {

		volatile int calls;

		@TcpListener("echo")
		String onLine(String line) {
			this.calls++;
			return "ACK " + line;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StreamingListener {

		@TcpListener("echo")
		byte[] onLine(TcpSession session, byte[] frame) {
			int parts = Integer.parseInt(new String(frame, StandardCharsets.US_ASCII));
			for (int i = 1; i <= parts; i++) {
				session.send("part " + i);
			}
			return ("OK from " + session.remoteAddress()).getBytes(StandardCharsets.US_ASCII);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SlowStreamingListener {

		final CountDownLatch firstReceived = new CountDownLatch(1);

		@TcpListener("echo")
		String onLine(String line, TcpSession session) throws InterruptedException {
			session.send("first");
			// returns only once the client has read the first frame: proves it was flushed at once
			return this.firstReceived.await(10, TimeUnit.SECONDS) ? "done" : "first frame was held back";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SelectiveListener {

		@TcpListener("echo")
		String onLine(String line) {
			return line.startsWith("answer") ? line : null;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ErrorThrowingListener {

		@TcpListener("echo")
		String onLine(String line) {
			if (line.equals("fatal")) {
				throw new AssertionError("an Error, not an Exception");
			}
			return line;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SecondServerListener {

		@TcpListener("second")
		String onLine(String line) {
			return line;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CloseWatchingListener {

		final AtomicInteger closes = new AtomicInteger();

		volatile TcpSession session;

		@TcpListener("echo")
		String onLine(String line, TcpSession session) {
			this.session = session;
			session.onClose(this.closes::incrementAndGet);
			session.onClose(this.closes::incrementAndGet);
			return "watching";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingListener {

		@TcpListener("echo")
		String onLine(String line) {
			if (line.equals("boom")) {
				throw new IllegalStateException("boom");
			}
			return line;
		}

	}

}
