package io.github.ipcboot.tcp.autoconfigure;

import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A NIO server stops quietly: its selector thread does not take the closed selector for a
 * failure.
 */
@ExtendWith(OutputCaptureExtension.class)
class NioServerStopTests {

	@Test
	void stopShouldNotLogAClosedSelector(CapturedOutput output) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
			.withUserConfiguration(Ack.class)
			.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1",
					"ipc.tcp.servers.echo.io-mode=nio")
			.run((context) -> {
				try (LineClient client = new LineClient(context.getBean(TcpServers.class).port("echo"))) {
					assertThat(client.request("hi")).isEqualTo("ACK hi");
					context.close();
				}
			});
		assertThat(output).contains("stopped bean 'echoTcpServerConnectionFactory'")
			.doesNotContain("ClosedSelectorException")
			.doesNotContain("Selector closed");
	}

	@Configuration(proxyBeanMethods = false)
	static class Ack {

		@TcpListener("echo")
		String onLine(String line) {
			return "ACK " + line;
		}

	}

}
