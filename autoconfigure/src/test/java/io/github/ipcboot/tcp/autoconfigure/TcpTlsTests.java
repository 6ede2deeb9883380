package io.github.ipcboot.tcp.autoconfigure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.github.ipcboot.TestThreads;
import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpClient;
import io.github.ipcboot.tcp.TcpClientException;
import io.github.ipcboot.tcp.TcpClients;
import io.github.ipcboot.tcp.TcpReplyTimeoutException;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.TcpSession;
import io.github.ipcboot.tcp.TcpServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * TLS through Spring Boot SSL bundles: a starter server and a starter client in two application
 * contexts, over loopback, with certificates made by {@code keytool} for this test only.
 */
class TcpTlsTests {

	private static final String PASSWORD = TestKeytool.PASSWORD;

	@TempDir
	static Path keys;

	private final ApplicationContextRunner server = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, TcpAutoConfiguration.class))
		.withUserConfiguration(Ack.class)
		.withPropertyValues("ipc.tcp.servers.secure.port=0", "ipc.tcp.servers.secure.address=127.0.0.1",
				"ipc.tcp.servers.secure.ssl.bundle=server", "ipc.tcp.servers.secure.io-mode=" + ioMode())
		.withPropertyValues(bundle("server", "server.p12", "server-trust.p12"));

	private final ApplicationContextRunner client = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, TcpAutoConfiguration.class))
		.withPropertyValues("ipc.tcp.clients.secure.host=127.0.0.1", "ipc.tcp.clients.secure.reply-timeout=5s",
				"ipc.tcp.clients.secure.io-mode=" + ioMode());

	/**
	 * The I/O mode of the server and the client in every test of this class.
	 */
	String ioMode() {
		return "net";
	}

	@BeforeAll
	static void makeCertificates() throws Exception {
		keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
				"-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", "server.p12");
		keytool("-genkeypair", "-alias", "elsewhere", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=elsewhere.example", "-ext", "SAN=dns:elsewhere.example", "-validity", "2", "-keystore",
				"elsewhere.p12");
		keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=client",
				"-validity", "2", "-keystore", "client.p12");
		keytool("-exportcert", "-alias", "server", "-keystore", "server.p12", "-file", "server.crt");
		keytool("-exportcert", "-alias", "elsewhere", "-keystore", "elsewhere.p12", "-file", "elsewhere.crt");
		keytool("-exportcert", "-alias", "client", "-keystore", "client.p12", "-file", "client.crt");
		keytool("-importcert", "-noprompt", "-alias", "server", "-file", "server.crt", "-keystore", "client-trust.p12");
		keytool("-importcert", "-noprompt", "-alias", "elsewhere", "-file", "elsewhere.crt", "-keystore",
				"client-trust.p12");
		keytool("-importcert", "-noprompt", "-alias", "client", "-file", "client.crt", "-keystore", "server-trust.p12");
	}

	@Test
	void mutualTlsShouldServeAClientWithATrustedCertificate() {
		this.server.withPropertyValues("ipc.tcp.servers.secure.ssl.client-auth=need").run((serverContext) -> {
			assertThat(serverContext).hasNotFailed();
			int port = serverContext.getBean(TcpServers.class).port("secure");
			this.client.withPropertyValues("ipc.tcp.clients.secure.port=" + port, "ipc.tcp.clients.secure.ssl.bundle=client")
				.withPropertyValues(bundle("client", "client.p12", "client-trust.p12"))
				.run((clientContext) -> assertThat(clientContext.getBean(TcpClients.class).client("secure").request("hi"))
					.isEqualTo("ACK hi"));
		});
	}

	@Test
	void mutualTlsShouldRefuseAClientWithoutACertificate() {
		this.server.withPropertyValues("ipc.tcp.servers.secure.ssl.client-auth=need").run((serverContext) -> {
			int port = serverContext.getBean(TcpServers.class).port("secure");
			clientWithoutCertificate(port)
				.run((clientContext) -> {
					assertThatExceptionOfType(TcpClientException.class)
						.isThrownBy(() -> clientContext.getBean(TcpClients.class).client("secure").request("hi"));
					assertThat(serverContext.getBean(Ack.class).calls).isZero();
				});
		});
	}

	@Test
	void wantedClientAuthenticationShouldServeAClientWithoutACertificate() {
		this.server.withPropertyValues("ipc.tcp.servers.secure.ssl.client-auth=want").run((serverContext) -> {
			int port = serverContext.getBean(TcpServers.class).port("secure");
			clientWithoutCertificate(port)
				.run((clientContext) -> assertThat(clientContext.getBean(TcpClients.class).client("secure").request("hi"))
					.isEqualTo("ACK hi"));
		});
	}

	@Test
	void clientShouldRefuseAServerCertificateForAnotherHost() {
		this.server
			.withPropertyValues("spring.ssl.bundle.jks.server.keystore.location=" + location("elsewhere.p12"))
			.run((serverContext) -> {
				int port = serverContext.getBean(TcpServers.class).port("secure");
				ApplicationContextRunner trusting = this.client
					.withPropertyValues("ipc.tcp.clients.secure.port=" + port, "ipc.tcp.clients.secure.ssl.bundle=client")
					.withPropertyValues(bundle("client", "client.p12", "client-trust.p12"));
				trusting.run((clientContext) -> assertThatExceptionOfType(TcpClientException.class)
					.isThrownBy(() -> clientContext.getBean(TcpClients.class).client("secure").request("hi")));
				trusting.withPropertyValues("ipc.tcp.clients.secure.ssl.verify-hostname=false")
					.run((clientContext) -> assertThat(
							clientContext.getBean(TcpClients.class).client("secure").request("hi"))
						.isEqualTo("ACK hi"));
			});
	}

	@Test
	void clientThatDoesNotSpeakTlsShouldBeCountedAsRejectedForTls() {
		this.server.withConfiguration(AutoConfigurations.of(TcpMetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((serverContext) -> {
				int port = serverContext.getBean(TcpServers.class).port("secure");
				MeterRegistry registry = serverContext.getBean(MeterRegistry.class);
				Tags server = Tags.of("name", "secure", "side", "server");
				try (LineClient plain = new LineClient(port)) {
					// the server answers with a TLS alert (or nothing) and closes the connection
					plain.send("hello in plain text");
					await().atMost(Duration.ofSeconds(10))
						.untilAsserted(() -> assertThat(registry.get("ipc.tcp.connections.closed")
							.tags(server)
							.tag("reason", "error")
							.counter()
							.count()).isEqualTo(1));
				}
				assertThat(registry.get("ipc.tcp.connections.rejected").tags(server).tag("reason", "tls").counter().count())
					.isEqualTo(1);
				assertThat(registry.get("ipc.tcp.frames.received").tags(server).counter().count()).isZero();
				assertThat(serverContext.getBean(Ack.class).calls).isZero();
			});
	}

	@Test
	void clientThatNeverCompletesTheHandshakeShouldBeClosedAfterTheHandshakeTimeout() {
		this.server.withConfiguration(AutoConfigurations.of(TcpMetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("ipc.tcp.servers.secure.handshake-timeout=1s", "ipc.tcp.servers.secure.idle-timeout=1m")
			.run((serverContext) -> {
				int port = serverContext.getBean(TcpServers.class).port("secure");
				MeterRegistry registry = serverContext.getBean(MeterRegistry.class);
				try (TlsLineClient served = new TlsLineClient(port); LineClient silent = new LineClient(port);
						LineClient halfHello = new LineClient(port)) {
					assertThat(served.request("before")).isEqualTo("ACK before");
					// the header of a handshake record, and nothing of the ClientHello it announces
					halfHello.write(new byte[] { 0x16, 0x03, 0x01, 0x02, 0x00 });
					await().atMost(Duration.ofSeconds(10))
						.untilAsserted(() -> assertThat(closed(registry, "handshake_timeout")).isEqualTo(2));
					assertThat(silent.isClosedByServer()).isTrue();
					assertThat(halfHello.isClosedByServer()).isTrue();
					// open for longer than the handshake timeout, after its handshake: still served
					assertThat(served.request("after")).isEqualTo("ACK after");
				}
				assertThat(closed(registry, "idle")).isZero();
				assertThat(serverContext.getBean(Ack.class).calls).isEqualTo(2);
			});
	}

	@Test
	void clientThatNeverReadsShouldBeClosedAfterTheWriteTimeoutWhileAnotherIsServed() {
		this.server.withConfiguration(AutoConfigurations.of(TcpMetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("ipc.tcp.servers.secure.write-timeout=300ms")
			.run((serverContext) -> {
				int port = serverContext.getBean(TcpServers.class).port("secure");
				MeterRegistry registry = serverContext.getBean(MeterRegistry.class);
				try (TlsLineClient served = new TlsLineClient(port); TlsLineClient deaf = new TlsLineClient(port)) {
					assertThat(served.request("before")).isEqualTo("ACK before");
					deaf.send("big " + (8 * 1024 * 1024));
					await().atMost(Duration.ofSeconds(10))
						.untilAsserted(() -> assertThat(closed(registry, "write_timeout")).isEqualTo(1));
					for (int i = 0; i < 10; i++) {
						assertThat(served.request("after " + i)).isEqualTo("ACK after " + i);
					}
				}
				assertThat(closed(registry, "error")).isZero();
			});
	}

	@Test
	void closingAConnectionWhoseReplyIsStuckShouldReturnAtOnceWhileAnotherIsServed() {
		this.server.withPropertyValues("ipc.tcp.servers.secure.write-timeout=1m").run((serverContext) -> {
			TcpServer tcpServer = serverContext.getBean(TcpServers.class).get("secure");
			int port = tcpServer.getPort();
			for (int round = 0; round < 2; round++) {
				try (TlsLineClient served = new TlsLineClient(port); TlsLineClient deaf = new TlsLineClient(port)) {
					assertThat(served.request("before " + round)).isEqualTo("ACK before " + round);
					String id = stuckReply(serverContext.getBean(Ack.class), tcpServer, deaf);
					// the endpoint's close, then the application's own session.close()
					Runnable close = (round == 0) ? () -> tcpServer.getConnectionRegistry().close(id)
							: () -> serverContext.getBean(Ack.class).sessions.get(id).close();
					assertReturnsAtOnce(close);
					await().atMost(Duration.ofSeconds(10)).until(() -> tcpServer.getConnectionRegistry()
						.getConnections().stream().noneMatch((connection) -> connection.id().equals(id)));
					await().atMost(Duration.ofSeconds(10)).until(() -> stuckWriters() == 0);
					assertThat(served.request("after " + round)).isEqualTo("ACK after " + round);
				}
			}
		});
	}

	@Test
	void closingTheContextWhileAReplyIsStuckShouldReturnAtOnce() {
		this.server.withPropertyValues("ipc.tcp.servers.secure.write-timeout=1m").run((serverContext) -> {
			TcpServer tcpServer = serverContext.getBean(TcpServers.class).get("secure");
			try (TlsLineClient served = new TlsLineClient(tcpServer.getPort());
					TlsLineClient deaf = new TlsLineClient(tcpServer.getPort())) {
				assertThat(served.request("before")).isEqualTo("ACK before");
				stuckReply(serverContext.getBean(Ack.class), tcpServer, deaf);
				assertThat(served.request("while stuck")).isEqualTo("ACK while stuck");
				assertReturnsAtOnce(serverContext::close);
				await().atMost(Duration.ofSeconds(10)).until(() -> stuckWriters() == 0);
			}
		});
	}

	/**
	 * Ask for a reply far larger than the socket buffers and never read it: its writer blocks.
	 * @return the id of the deaf client's connection
	 */
	private static String stuckReply(Ack ack, TcpServer tcpServer, TlsLineClient deaf) throws Exception {
		ack.bigReplies.drainPermits();
		deaf.send("big " + (8 * 1024 * 1024));
		assertThat(ack.bigReplies.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
		// the reply's write is under way: wait until the socket buffers are full and it blocks
		await().atMost(Duration.ofSeconds(10)).until(() -> stuckWriters() == 1);
		return ack.lastBig;
	}

	private static void assertReturnsAtOnce(Runnable close) {
		CompletableFuture<Void> closing = TestThreads.runAsync(close);
		await().atMost(Duration.ofSeconds(5)).until(closing::isDone);
		assertThat(closing).isCompleted();
	}

	/**
	 * The server threads blocked writing to a socket (a plain one, or the TLS layer over it).
	 */
	private static long stuckWriters() {
		return Thread.getAllStackTraces().entrySet().stream().filter((entry) -> {
			for (StackTraceElement frame : entry.getValue()) {
				if (frame.getClassName().contains("ipcboot") && frame.getClassName().contains("Watched")) {
					return true;
				}
				if (frame.getClassName().startsWith("sun.security.ssl.SSLSocketImpl")
						&& frame.getMethodName().contains("close")) {
					return true;
				}
			}
			return false;
		}).count();
	}

	private static double closed(MeterRegistry registry, String reason) {
		return registry.get("ipc.tcp.connections.closed")
			.tags("name", "secure", "side", "server")
			.tag("reason", reason)
			.counter()
			.count();
	}

	@Test
	void clientHandshakeThatTimesOutShouldBeCountedAsClosedForTheHandshakeTimeout() throws Exception {
		// the kernel completes the TCP connect; nothing ever answers the ClientHello
		try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
			this.client.withConfiguration(AutoConfigurations.of(TcpMetricsAutoConfiguration.class))
				.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
				.withPropertyValues("ipc.tcp.clients.secure.port=" + silent.getLocalPort(),
						"ipc.tcp.clients.secure.ssl.bundle=client", "ipc.tcp.clients.secure.connect-timeout=500ms")
				.withPropertyValues(bundle("client", "client.p12", "client-trust.p12"))
				.run((context) -> {
					assertThatExceptionOfType(TcpClientException.class)
						.isThrownBy(() -> context.getBean(TcpClients.class).client("secure").request("hi"));
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					await().atMost(Duration.ofSeconds(10))
						.untilAsserted(() -> assertThat(registry.get("ipc.tcp.connections.closed")
							.tags("name", "secure", "side", "client")
							.tag("reason", "handshake_timeout")
							.counter()
							.count()).isGreaterThanOrEqualTo(1));
				});
		}
	}

	@Test
	void greetingOverTlsShouldFailStartUpOnlyWithNio() {
		this.client
			.withPropertyValues("ipc.tcp.clients.secure.port=7443", "ipc.tcp.clients.secure.ssl.bundle=client",
					"ipc.tcp.clients.secure.greeting=true")
			.withPropertyValues(bundle("client", "client.p12", "client-trust.p12"))
			.run((context) -> {
				if (ioMode().equals("nio")) {
					assertThat(context).hasFailed()
						.getFailure()
						.hasStackTraceContaining("TCP client 'secure' cannot wait for a greeting over TLS with io-mode nio");
				}
				else {
					assertThat(context).hasNotFailed();
				}
			});
	}

	@Test
	void unknownBundleShouldFailStartUp() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, TcpAutoConfiguration.class))
			.withUserConfiguration(Ack.class)
			.withPropertyValues("ipc.tcp.servers.secure.port=0", "ipc.tcp.servers.secure.ssl.bundle=missing")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("ipc.tcp.servers.secure.ssl.bundle names the SSL bundle 'missing'"));
	}

	/**
	 * A client that trusts the server but has no certificate of its own.
	 */
	private ApplicationContextRunner clientWithoutCertificate(int port) {
		return this.client.withPropertyValues("ipc.tcp.clients.secure.port=" + port,
				"ipc.tcp.clients.secure.ssl.bundle=anonymous",
				"spring.ssl.bundle.jks.anonymous.truststore.location=" + location("client-trust.p12"),
				"spring.ssl.bundle.jks.anonymous.truststore.type=PKCS12",
				"spring.ssl.bundle.jks.anonymous.truststore.password=" + PASSWORD);
	}

	@Test
	void requestToATlsPeerThatNeverReadsShouldTimeOutItsWriteAndFreeThePool() {
		this.server.run((serverContext) -> {
			int goodPort = serverContext.getBean(TcpServers.class).port("secure");
			try (StallingTlsServer stalling = new StallingTlsServer()) {
				// the well-behaved client waits long enough for a loaded machine (its default is 5 s)
				this.client.withPropertyValues("ipc.tcp.clients.secure.port=" + goodPort,
						"ipc.tcp.clients.secure.ssl.bundle=client", "ipc.tcp.clients.secure.reply-timeout=20s",
						"ipc.tcp.clients.hostile.host=127.0.0.1",
						"ipc.tcp.clients.hostile.port=" + stalling.port(), "ipc.tcp.clients.hostile.pool-size=1",
						"ipc.tcp.clients.hostile.reply-timeout=1s", "ipc.tcp.clients.hostile.ssl.bundle=client",
						"ipc.tcp.clients.hostile.io-mode=" + ioMode())
					.withPropertyValues(bundle("client", "client.p12", "client-trust.p12"))
					.run((clientContext) -> {
						TcpClients clients = clientContext.getBean(TcpClients.class);
						TcpClient client = clients.client("hostile");
						CompletableFuture<Void> wellBehaved = TestThreads.runAsync(() -> {
							for (int i = 0; i < 20; i++) {
								assertThat(clients.client("secure").request("ping " + i)).isEqualTo("ACK ping " + i);
							}
						});
						long started = System.nanoTime();
						assertThatExceptionOfType(TcpReplyTimeoutException.class)
							.isThrownBy(() -> client.request(new byte[8 * 1024 * 1024]))
							.withMessageContaining("could not write the request (8388608 bytes) within PT1S");
						assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
						wellBehaved.get(30, TimeUnit.SECONDS);
						// the permit came back and the stalled connection is gone
						assertThat(client.exchange("after", (reply) -> true, Duration.ofSeconds(10)))
							.containsExactly("OK after");
						assertThat(stalling.connections).hasValue(2);
					});
			}
		});
	}

	private static String[] bundle(String name, String keystore, String truststore) {
		String prefix = "spring.ssl.bundle.jks." + name;
		return new String[] { prefix + ".keystore.location=" + location(keystore), prefix + ".keystore.type=PKCS12",
				prefix + ".keystore.password=" + PASSWORD, prefix + ".truststore.location=" + location(truststore),
				prefix + ".truststore.type=PKCS12", prefix + ".truststore.password=" + PASSWORD };
	}

	private static String location(String file) {
		return "file:" + keys.resolve(file);
	}

	private static void keytool(String... args) throws IOException, InterruptedException {
		TestKeytool.run(keys, args);
	}

	/**
	 * A TLS client of plain sockets that trusts the test server, with a small receive buffer.
	 */
	private static final class TlsLineClient implements AutoCloseable {

		private final SSLSocket socket;

		private final BufferedReader reader;

		TlsLineClient(int port) throws Exception {
			KeyStore trusted = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(keys.resolve("client-trust.p12"))) {
				trusted.load(in, PASSWORD.toCharArray());
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			this.socket = (SSLSocket) context.getSocketFactory().createSocket();
			this.socket.setReceiveBufferSize(16 * 1024);
			this.socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
			this.socket.setSoTimeout(10_000);
			this.socket.startHandshake();
			this.reader = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
		}

		void send(String line) throws IOException {
			this.socket.getOutputStream().write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
			this.socket.getOutputStream().flush();
		}

		String request(String line) throws IOException {
			send(line);
			return this.reader.readLine();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

	/**
	 * A TLS server of plain sockets with the test certificate and a small receive buffer: its
	 * first connection completes the handshake and never reads; later ones answer
	 * {@code OK <line>}.
	 */
	private static final class StallingTlsServer implements AutoCloseable {

		private final SSLServerSocket serverSocket;

		private final List<Socket> sockets = new CopyOnWriteArrayList<>();

		private final ExecutorService threads = Executors.newCachedThreadPool();

		final AtomicInteger connections = new AtomicInteger();

		StallingTlsServer() throws Exception {
			KeyStore key = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(keys.resolve("server.p12"))) {
				key.load(in, PASSWORD.toCharArray());
			}
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(key, PASSWORD.toCharArray());
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers.getKeyManagers(), null, null);
			this.serverSocket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
			this.serverSocket.setReceiveBufferSize(16 * 1024);
			this.serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
			this.threads.execute(this::accept);
		}

		int port() {
			return this.serverSocket.getLocalPort();
		}

		private void accept() {
			while (!this.serverSocket.isClosed()) {
				try {
					SSLSocket socket = (SSLSocket) this.serverSocket.accept();
					this.sockets.add(socket);
					boolean stall = this.connections.incrementAndGet() == 1;
					this.threads.execute(() -> serve(socket, stall));
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		private void serve(SSLSocket socket, boolean stall) {
			try {
				socket.startHandshake();
				if (stall) {
					return;
				}
				TlsLineSockets.answerLines(socket, "OK ");
			}
			catch (IOException ex) {
				// the client went away
			}
		}

		@Override
		public void close() throws Exception {
			this.serverSocket.close();
			for (Socket socket : this.sockets) {
				socket.close();
			}
			this.threads.shutdownNow();
			this.threads.awaitTermination(5, TimeUnit.SECONDS);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Ack {

		volatile int calls;

		final Semaphore bigReplies = new Semaphore(0);

		final Map<String, TcpSession> sessions = new ConcurrentHashMap<>();

		volatile @Nullable String lastBig;

		@TcpListener("secure")
		String onLine(String line, TcpSession session) {
			this.sessions.put(session.id(), session);
			if (line.startsWith("big ")) {
				this.lastBig = session.id();
				this.bigReplies.release();
				return "x".repeat(Integer.parseInt(line.substring(4)));
			}
			this.calls++;
			return "ACK " + line;
		}

	}

}
