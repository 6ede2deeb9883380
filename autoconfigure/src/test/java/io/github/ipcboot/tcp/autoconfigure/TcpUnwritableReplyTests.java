package io.github.ipcboot.tcp.autoconfigure;

import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.TcpServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reply the framing cannot write (here a {@code line} reply that contains the terminator) is
 * the listener's failure: nothing of it is written, the connection stays open and the
 * {@code on-listener-error} policy applies.
 */
class TcpUnwritableReplyTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class, TcpMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withUserConfiguration(TwoLines.class)
		.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1");

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void replyWithTheTerminatorShouldBeAListenerErrorThatKeepsTheConnectionOpen(String ioMode) {
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.echo.io-mode=" + ioMode, "ipc.tcp.servers.echo.on-listener-error=reply")
			.run((context) -> {
				TcpServer server = context.getBean(TcpServers.class).get("echo");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				try (LineClient client = new LineClient(server.getPort())) {
					assertThat(client.request("ok")).isEqualTo("ACK ok");
					assertThat(client.request("bad")).isEqualTo("ERR TcpFrameNotWritableException");
					assertThat(client.request("again")).isEqualTo("ACK again");
				}
				assertThat(server.getListenerErrors()).isEqualTo(1);
				assertThat(registry.get("ipc.tcp.frames.sent").tags("name", "echo").counter().count()).isEqualTo(3);
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void replyWithTheTerminatorShouldCloseWhenTheListenerErrorPolicyCloses(String ioMode) {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.io-mode=" + ioMode).run((context) -> {
			TcpServer server = context.getBean(TcpServers.class).get("echo");
			try (LineClient client = new LineClient(server.getPort())) {
				assertThat(client.request("ok")).isEqualTo("ACK ok");
				client.send("bad");
				assertThat(client.isClosedByServer()).isTrue();
			}
			assertThat(server.getListenerErrors()).isEqualTo(1);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoLines {

		@TcpListener("echo")
		String onLine(String line) {
			return line.equals("bad") ? "two\r\nlines" : "ACK " + line;
		}

	}

}
