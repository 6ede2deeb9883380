package io.github.ipcboot.tcp.testing;

import java.time.Duration;

import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpSession;
import io.github.ipcboot.tcp.autoconfigure.TcpAutoConfiguration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link TcpTestClient} against a real server on an ephemeral port, in the server's framing, with
 * {@link TcpTestClients} from {@link AutoConfigureTcpTestClient}.
 */
class TcpTestClientTests {

	private static final Duration SHORT = Duration.ofMillis(300);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
		.withUserConfiguration(TestConfig.class)
		.withPropertyValues("ipc.shutdown.enabled=false", "ipc.tcp.servers.echo.port=0",
				"ipc.tcp.servers.echo.address=127.0.0.1", "ipc.tcp.servers.echo.framing=length-header",
				"ipc.tcp.servers.echo.length-header-size=2");

	@Test
	void sendShouldTalkInTheServersFramingOnItsEphemeralPort() {
		this.contextRunner.run((context) -> {
			try (TcpTestClient client = context.getBean(TcpTestClients.class).connect("echo")) {
				client.send("hello").expectFrame("hello");
				client.send("bye").expectFrame((frame) -> assertThat(frame).isEqualTo("bye"));
			}
		});
	}

	@Test
	void expectFramesShouldReadThemInOrder() {
		this.contextRunner.run((context) -> {
			try (TcpTestClient client = context.getBean(TcpTestClients.class).connect("echo")) {
				assertThat(client.send("MANY 3").expectFrames(3)).containsExactly("1", "2", "3");
				client.send("MANY 2").expectFrames("1", "2");
			}
		});
	}

	@Test
	void expectFrameShouldFailNamingTheFrameThatCame() {
		this.contextRunner.run((context) -> {
			try (TcpTestClient client = context.getBean(TcpTestClients.class).connect("echo")) {
				assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.send("one").expectFrame("two"))
					.withMessage("Expected frame \"two\" from TCP server 'echo' but got \"one\"");
			}
		});
	}

	@Test
	void expectFrameShouldFailWhenNoFrameComesInTime() {
		this.contextRunner.run((context) -> {
			try (TcpTestClient client = context.getBean(TcpTestClients.class).connect("echo")) {
				assertThatExceptionOfType(AssertionError.class)
					.isThrownBy(() -> client.withTimeout(SHORT).send("SILENT").expectFrame("x"))
					.withMessage("No frame from TCP server 'echo' within PT0.3S");
			}
		});
	}

	@Test
	void expectClosedShouldPassWhenTheServerCloses() {
		this.contextRunner.run((context) -> {
			TcpTestClient client = context.getBean(TcpTestClients.class).connect("echo");
			client.send("QUIT").expectFrame("BYE").expectClosed();
			assertThat(client.isClosed()).isTrue();
		});
	}

	@Test
	void expectClosedShouldFailWhileTheConnectionStaysOpen() {
		this.contextRunner.run((context) -> {
			try (TcpTestClient client = context.getBean(TcpTestClients.class).connect("echo")) {
				assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.withTimeout(SHORT).expectClosed())
					.withMessage("TCP server 'echo' did not close the connection within PT0.3S");
				assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.send("late").expectClosed())
					.withMessage("Expected TCP server 'echo' to close the connection but got frame \"late\"");
			}
		});
	}

	@Test
	void expectFrameShouldFailWhenTheServerCloses() {
		this.contextRunner.run((context) -> {
			try (TcpTestClient client = context.getBean(TcpTestClients.class).connect("echo")) {
				client.send("QUIT").expectFrame("BYE");
				assertThatExceptionOfType(AssertionError.class).isThrownBy(client::readFrame)
					.withMessage("TCP server 'echo' closed the connection; expected a frame");
			}
		});
	}

	@Test
	void connectShouldRejectAnUnknownServer() {
		this.contextRunner.run((context) -> assertThatIllegalArgumentException()
			.isThrownBy(() -> context.getBean(TcpTestClients.class).connect("ehco"))
			.withMessage("No TCP server 'ehco' (configured servers: [echo])"));
	}

	@Test
	void clientsLeftOpenShouldBeClosedWithTheContext() {
		TcpTestClient[] client = new TcpTestClient[1];
		this.contextRunner.run((context) -> client[0] = context.getBean(TcpTestClients.class).connect("echo"));
		assertThat(client[0].isClosed()).isTrue();
	}

	@Test
	void annotationWithoutServersShouldStillProvideTcpTestClients() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
			.withUserConfiguration(AnnotatedConfig.class)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(TcpTestClients.class));
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigureTcpTestClient
	static class AnnotatedConfig {

	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigureTcpTestClient
	static class TestConfig {

		@Bean
		EchoListener echoListener() {
			return new EchoListener();
		}

	}

	static class EchoListener {

		@TcpListener("echo")
		@Nullable String onFrame(String frame, TcpSession session) {
			if (frame.equals("SILENT")) {
				return null;
			}
			if (frame.equals("QUIT")) {
				session.send("BYE");
				session.close();
				return null;
			}
			if (frame.startsWith("MANY ")) {
				int count = Integer.parseInt(frame.substring(5));
				for (int i = 1; i <= count; i++) {
					session.send(Integer.toString(i));
				}
				return null;
			}
			return frame;
		}

	}

}
