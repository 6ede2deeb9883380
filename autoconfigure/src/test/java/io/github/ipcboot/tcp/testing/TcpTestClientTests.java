package io.github.ipcboot.tcp.testing;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.TcpServerSettings;
import io.github.ipcboot.tcp.TcpTls;
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
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

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

	@Test
	void withTimeoutShouldRejectZeroAndNegativeTimeouts() {
		this.contextRunner.run((context) -> {
			try (TcpTestClient client = context.getBean(TcpTestClients.class).connect("echo")) {
				assertThatIllegalArgumentException().isThrownBy(() -> client.withTimeout(Duration.ZERO))
					.withMessage("timeout must be positive, got PT0S");
				assertThatIllegalArgumentException().isThrownBy(() -> client.withTimeout(Duration.ofSeconds(-1)))
					.withMessage("timeout must be positive, got PT-1S");
			}
		});
	}

	@Test
	void expectFramesShouldFailNamingTheFramesThatCame() {
		this.contextRunner.run((context) -> {
			try (TcpTestClient client = context.getBean(TcpTestClients.class).connect("echo")) {
				assertThatExceptionOfType(AssertionError.class)
					.isThrownBy(() -> client.send("MANY 2").expectFrames("1", "3"))
					.withMessage("Expected frames [1, 3] from TCP server 'echo' but got [1, 2]");
			}
		});
	}

	@Test
	void expectFramesShouldSayWhichFrameDidNotCome() {
		this.contextRunner.run((context) -> {
			try (TcpTestClient client = context.getBean(TcpTestClients.class).connect("echo")) {
				assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.send("QUIT").expectFrames(2))
					.withMessage("TCP server 'echo' closed the connection; expected a frame (frame 2 of 2, after [BYE])");
			}
		});
	}

	@Test
	void sendAfterCloseShouldFailNamingTheServer() {
		this.contextRunner.run((context) -> {
			TcpTestClient client = context.getBean(TcpTestClients.class).connect("echo");
			client.close();
			assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> client.send("late"))
				.withMessageStartingWith("Could not send to TCP server 'echo': ");
		});
	}

	@Test
	void readsAfterCloseShouldFailNamingTheServer() {
		this.contextRunner.run((context) -> {
			TcpTestClient client = context.getBean(TcpTestClients.class).connect("echo");
			client.close();
			assertThatExceptionOfType(AssertionError.class).isThrownBy(client::readFrame)
				.withMessageStartingWith("TCP server 'echo' closed the connection");
		});
	}

	@Test
	void serversOnAllInterfacesShouldBeReachedOnLoopback() {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.address=0.0.0.0").run((context) -> {
			try (TcpTestClient client = context.getBean(TcpTestClients.class).connect("echo")) {
				client.send("hello").expectFrame("hello");
			}
		});
	}

	@Test
	void serversWithoutAddressShouldBeReachedOnLoopback() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
			.withUserConfiguration(TestConfig.class)
			.withPropertyValues("ipc.shutdown.enabled=false", "ipc.tcp.servers.echo.port=0",
					"ipc.tcp.servers.echo.framing=length-header", "ipc.tcp.servers.echo.length-header-size=2")
			.run((context) -> {
				try (TcpTestClient client = context.getBean(TcpTestClients.class).connect("echo")) {
					client.send("hello").expectFrame("hello");
				}
			});
	}

	@Test
	void connectShouldRejectATlsServer() {
		TcpServer server = mock(TcpServer.class);
		TcpServerSettings settings = mock(TcpServerSettings.class);
		given(server.getName()).willReturn("secure");
		given(server.getSettings()).willReturn(settings);
		given(settings.tls()).willReturn(mock(TcpTls.class));
		assertThatIllegalStateException().isThrownBy(() -> TcpTestClient.connect(server))
			.withMessage("TcpTestClient does not support TLS (TCP server 'secure')");
	}

	@Test
	void connectShouldFailNamingTheServerAndPortWhenNothingListens() throws Exception {
		int port;
		try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = closed.getLocalPort();
		}
		TcpServer server = mock(TcpServer.class);
		TcpServerSettings settings = mock(TcpServerSettings.class);
		given(server.getName()).willReturn("gone");
		given(server.getPort()).willReturn(port);
		given(server.getSettings()).willReturn(settings);
		given(settings.address()).willReturn("127.0.0.1");
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> TcpTestClient.connect(server))
			.withMessageStartingWith("Could not connect to TCP server 'gone' on port " + port + ": ");
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
