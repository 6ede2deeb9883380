package io.github.ipcboot.tcp.autoconfigure;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.github.ipcboot.TestThreads;
import io.github.ipcboot.tcp.ConnectionRegistry;
import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.TcpSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closes are honoured at once in both I/O modes, with and without TLS: a close asked for by the listener, by the error
 * policy, by the Actuator endpoint's operation, or caused by a client that resets, ends the
 * connection before any frame read behind it is handled; a listener call in flight finishes, its
 * reply is dropped and counted. Each test serves a well-behaved client at the same time.
 */
@ExtendWith(OutputCaptureExtension.class)
class TcpServerCloseTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Tags SERVER = Tags.of("name", "echo", "side", "server");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, TcpAutoConfiguration.class,
				TcpMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withUserConfiguration(GuardedListener.class)
		.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1");

	@TempDir
	static Path keys;

	@BeforeAll
	static void makeCertificate() throws Exception {
		TestKeytool.serverKeyStore(keys);
	}

	/**
	 * The server in the given mode: {@code net} or {@code nio}, with TLS when it ends in
	 * {@code -tls}.
	 */
	private ApplicationContextRunner server(String mode) {
		ApplicationContextRunner runner = this.contextRunner
			.withPropertyValues("ipc.tcp.servers.echo.io-mode=" + mode.replace("-tls", ""));
		if (!mode.endsWith("-tls")) {
			return runner;
		}
		String prefix = "spring.ssl.bundle.jks.server.keystore.";
		return runner.withPropertyValues("ipc.tcp.servers.echo.ssl.bundle=server",
				prefix + "location=file:" + keys.resolve("server.p12"), prefix + "type=PKCS12",
				prefix + "password=" + TestKeytool.PASSWORD);
	}

	/**
	 * A client of the server in the given mode, which trusts the server's certificate.
	 */
	private static LineClient client(AssertableApplicationContext context, String mode) throws Exception {
		if (!mode.endsWith("-tls")) {
			return new LineClient(port(context));
		}
		KeyStore serverKeys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keys.resolve("server.p12"))) {
			serverKeys.load(in, TestKeytool.PASSWORD.toCharArray());
		}
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		trusted.load(null, null);
		trusted.setCertificateEntry("server", serverKeys.getCertificate("server"));
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext ssl = SSLContext.getInstance("TLS");
		ssl.init(null, trust.getTrustManagers(), null);
		SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port(context));
		socket.startHandshake();
		return new LineClient(socket);
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio", "net-tls", "nio-tls" })
	void frameSentBehindALogoutShouldNotBeHandled(String mode) {
		server(mode).run((context) -> {
			GuardedListener listener = context.getBean(GuardedListener.class);
			try (LineClient client = client(context, mode); LineClient other = client(context, mode)) {
				assertThat(other.request("before")).isEqualTo("ACK before");
				client.write("LOGOUT\r\nsecret\r\n");
				assertThat(client.readLine()).isEqualTo("BYE");
				assertThat(client.isClosedByServer()).isTrue();
				assertThat(other.request("after")).isEqualTo("ACK after");
			}
			assertThat(listener.handled).containsExactly("before", "LOGOUT", "after");
			await().atMost(TIMEOUT).until(() -> listener.openAfterClose.get() != null);
			assertThat(listener.openAfterClose.get()).isFalse();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio", "net-tls", "nio-tls" })
	void listenerErrorShouldCloseBeforeThePipelinedFramesBehindIt(String mode) {
		server(mode).withPropertyValues("ipc.tcp.servers.echo.on-listener-error=close")
			.run((context) -> {
				GuardedListener listener = context.getBean(GuardedListener.class);
				try (LineClient client = client(context, mode); LineClient other = client(context, mode)) {
					String frames = "FAIL\r\n" + "behind\r\n".repeat(100);
					client.write(frames);
					// the listener fails once every frame behind has been read from the socket
					assertThat(listener.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
					ConnectionRegistry registry = server(context).getConnectionRegistry();
					await().atMost(TIMEOUT)
						.until(() -> registry.getConnections()
							.stream()
							.anyMatch((connection) -> connection.bytesReceived() == frames.length()));
					listener.release.countDown();
					assertThat(client.isClosedByServer()).isTrue();
					assertThat(other.request("fine")).isEqualTo("ACK fine");
				}
				assertThat(listener.handled).containsExactly("FAIL", "fine");
				assertThat(server(context).getListenerErrors()).isEqualTo(1);
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio", "net-tls", "nio-tls" })
	void endpointCloseShouldCloseAtOnceAndDropTheReplyInFlight(String mode) {
		server(mode).run((context) -> {
			GuardedListener listener = context.getBean(GuardedListener.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			try (LineClient client = client(context, mode); LineClient other = client(context, mode)) {
				client.write("SLOW\r\nsecret\r\n");
				assertThat(listener.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
				ConnectionRegistry registry = server(context).getConnectionRegistry();
				String id = listener.slowSession.get().id();
				// the close returns while the listener still holds its thread (a TLS close does not
				// wait for the client)
				assertThat(TestThreads.supplyAsync(() -> registry.close(id))).succeedsWithin(TIMEOUT)
					.isEqualTo(true);
				assertThat(listener.slowSession.get().isOpen()).isFalse();
				// the socket closes while the listener is still running
				assertThat(client.isClosedByServer()).isTrue();
				assertThat(other.request("meanwhile")).isEqualTo("ACK meanwhile");
				listener.release.countDown();
				await().atMost(TIMEOUT).until(() -> meters.get("ipc.tcp.frames.dropped").tags(SERVER).counter().count() == 1);
				assertThat(other.request("after")).isEqualTo("ACK after");
			}
			assertThat(listener.handled).containsExactly("SLOW", "meanwhile", "after");
			assertThat(server(context).getListenerErrors()).isZero();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void replyToAClientThatResetShouldCountAsAResetClose(String mode, CapturedOutput output) {
		server(mode).run((context) -> {
			GuardedListener listener = context.getBean(GuardedListener.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			try (LineClient other = new LineClient(port(context))) {
				Socket resetting = new Socket(InetAddress.getLoopbackAddress(), port(context));
				resetting.getOutputStream().write("SLOW\r\n".getBytes(StandardCharsets.UTF_8));
				assertThat(listener.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
				resetting.setSoLinger(true, 0);
				resetting.close();
				assertThat(other.request("meanwhile")).isEqualTo("ACK meanwhile");
				listener.release.countDown();
				await().atMost(TIMEOUT)
					.until(() -> meters.get("ipc.tcp.connections.closed")
						.tags(SERVER.and("reason", "reset"))
						.counter()
						.count() == 1);
				await().atMost(TIMEOUT).until(() -> meters.get("ipc.tcp.frames.dropped").tags(SERVER).counter().count() == 1);
				assertThat(other.request("after")).isEqualTo("ACK after");
			}
			assertThat(server(context).getListenerErrors()).isZero();
			assertThat(meters.get("ipc.tcp.connections.closed").tags(SERVER.and("reason", "error")).counter().count())
				.isZero();
		});
		// neither Spring Integration's read error nor the listener error is logged
		assertThat(output).doesNotContain("Exception on Read")
			.doesNotContain("Read exception")
			.doesNotContain("Exception sending message")
			.doesNotContain("failed on connection");
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void framesBeforeBytesThatBreakTheFramingShouldBeAnsweredBeforeTheClose(String mode) {
		server(mode).withPropertyValues("ipc.tcp.servers.echo.framing=stx-etx").run((context) -> {
			GuardedListener listener = context.getBean(GuardedListener.class);
			try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port(context));
					Socket other = new Socket(InetAddress.getLoopbackAddress(), port(context))) {
				client.setSoTimeout((int) TIMEOUT.toMillis());
				other.setSoTimeout((int) TIMEOUT.toMillis());
				client.getOutputStream()
					.write("\u0002one\u0003\u0002two\u0003junk\u0002three\u0003".getBytes(StandardCharsets.US_ASCII));
				// every reply, then the end of the stream
				assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
					.isEqualTo("\u0002ACK one\u0003\u0002ACK two\u0003");
				other.getOutputStream().write("\u0002fine\u0003".getBytes(StandardCharsets.US_ASCII));
				assertThat(other.getInputStream().readNBytes(10)).asString(StandardCharsets.US_ASCII)
					.isEqualTo("\u0002ACK fine\u0003");
			}
			assertThat(listener.handled).containsExactly("one", "two", "fine");
		});
	}

	private static int port(AssertableApplicationContext context) {
		return context.getBean(TcpServers.class).port("echo");
	}

	private static TcpServer server(AssertableApplicationContext context) {
		return context.getBean(TcpServers.class).get("echo");
	}

	@Configuration(proxyBeanMethods = false)
	static class GuardedListener {

		final List<String> handled = new CopyOnWriteArrayList<>();

		final CountDownLatch slowStarted = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		final AtomicReference<TcpSession> slowSession = new AtomicReference<>();

		final AtomicReference<Boolean> openAfterClose = new AtomicReference<>();

		@TcpListener("echo")
		String onLine(String line, TcpSession session) throws InterruptedException {
			this.handled.add(line);
			switch (line) {
				case "LOGOUT" -> {
					session.send("BYE");
					session.close();
					this.openAfterClose.set(session.isOpen());
					return null;
				}
				case "FAIL" -> {
					awaitRelease(session);
					throw new IllegalStateException("failing as asked");
				}
				case "SLOW" -> {
					awaitRelease(session);
					return "DONE";
				}
				default -> {
					return "ACK " + line;
				}
			}
		}

		private void awaitRelease(TcpSession session) throws InterruptedException {
			this.slowSession.set(session);
			this.slowStarted.countDown();
			this.release.await(30, TimeUnit.SECONDS);
		}

	}

}
