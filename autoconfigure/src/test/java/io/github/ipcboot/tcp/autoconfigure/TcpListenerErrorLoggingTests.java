package io.github.ipcboot.tcp.autoconfigure;

import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServers;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client whose every frame the listener rejects, with {@code on-listener-error: reply}, gets an
 * error reply per frame but costs the log one ERROR line with a stack trace, not one per frame;
 * another client's first failure is logged at ERROR again.
 */
@ExtendWith(OutputCaptureExtension.class)
class TcpListenerErrorLoggingTests {

	private static final String FAILED = "failed on connection";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
		.withUserConfiguration(Picky.class)
		.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1",
				"ipc.tcp.servers.echo.on-listener-error=reply");

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void repeatedListenerFailuresOfOneConnectionShouldLogOneErrorWithAStackTrace(String mode, CapturedOutput output) {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.io-mode=" + mode).run((context) -> {
			int port = context.getBean(TcpServers.class).port("echo");
			int start = output.length();
			try (LineClient rejected = new LineClient(port); LineClient served = new LineClient(port)) {
				for (int i = 0; i < 20; i++) {
					assertThat(rejected.request("bad " + i)).isEqualTo("ERR IllegalArgumentException");
					assertThat(served.request("good " + i)).isEqualTo("OK good " + i);
				}
				String logged = output.toString().substring(start);
				assertThat(logged.lines().filter((line) -> line.contains(FAILED) && line.contains("ERROR")))
					.singleElement()
					.asString()
					.contains("later failures of this connection are logged at DEBUG");
				assertThat(logged.lines().filter((line) -> line.contains("IllegalArgumentException: rejected")))
					.hasSize(1);
				assertThat(served.request("bad again")).isEqualTo("ERR IllegalArgumentException");
				String more = output.toString().substring(start);
				assertThat(more.lines().filter((line) -> line.contains(FAILED) && line.contains("ERROR"))).hasSize(2);
			}
			assertThat(context.getBean(TcpServers.class).get("echo").getListenerErrors()).isEqualTo(21);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Picky {

		@TcpListener("echo")
		String onLine(String line) {
			if (line.startsWith("bad")) {
				throw new IllegalArgumentException("rejected");
			}
			return "OK " + line;
		}

	}

}
