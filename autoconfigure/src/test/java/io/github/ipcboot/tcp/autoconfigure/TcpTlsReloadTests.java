package io.github.ipcboot.tcp.autoconfigure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.github.ipcboot.tcp.TcpClient;
import io.github.ipcboot.tcp.TcpClients;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reloading SSL bundles ({@code reload-on-update}) while servers and clients run: PEM files are
 * rewritten as a certificate renewal would, new connections get the new certificate and open ones
 * go on.
 */
@ExtendWith(OutputCaptureExtension.class)
class TcpTlsReloadTests {

	private static final Duration RELOADED = Duration.ofSeconds(30);

	@TempDir
	static Path keys;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, TcpAutoConfiguration.class,
				TcpMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("spring.ssl.bundle.watch.file.quiet-period=50ms");

	/**
	 * The I/O mode of the servers and clients in every test of this class.
	 */
	String ioMode() {
		return "net";
	}

	@BeforeAll
	static void makeCertificates() throws Exception {
		for (String name : List.of("first", "second", "alice", "bob")) {
			TestKeytool.run(keys, "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
					"CN=" + name, "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore",
					name + ".p12");
		}
	}

	@Test
	void serverShouldPresentARenewedCertificateToNewConnectionsWhileOpenOnesGoOn(CapturedOutput output)
			throws Exception {
		Path live = Files.createDirectories(keys.resolve("server-" + ioMode()));
		TestPem.write(keys.resolve("first.p12"), "first", live, "server");
		this.runner.withUserConfiguration(Ack.class)
			.withPropertyValues("ipc.tcp.servers.secure.port=0", "ipc.tcp.servers.secure.address=127.0.0.1",
					"ipc.tcp.servers.secure.ssl.bundle=server", "ipc.tcp.servers.secure.io-mode=" + ioMode(),
					"spring.ssl.bundle.pem.server.reload-on-update=true",
					"spring.ssl.bundle.pem.server.keystore.certificate=file:" + live.resolve("server.crt"),
					"spring.ssl.bundle.pem.server.keystore.private-key=file:" + live.resolve("server.key"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				int port = context.getBean(TcpServers.class).port("secure");
				try (TlsLineClient open = new TlsLineClient(port)) {
					assertThat(open.serverName()).isEqualTo("CN=first");
					assertThat(open.request("hi")).isEqualTo("ACK hi");
					TestPem.write(keys.resolve("second.p12"), "second", live, "server");
					await().atMost(RELOADED).untilAsserted(() -> {
						try (TlsLineClient fresh = new TlsLineClient(port)) {
							assertThat(fresh.serverName()).isEqualTo("CN=second");
							assertThat(fresh.request("new")).isEqualTo("ACK new");
						}
					});
					assertThat(open.request("still there")).isEqualTo("ACK still there");
				}
				assertThat(reloads(context.getBean(MeterRegistry.class), "server")).isGreaterThanOrEqualTo(1);
				assertThat(output).contains("TCP server 'secure' reloaded SSL bundle 'server'");
			});
	}

	@Test
	void pooledClientShouldUseARenewedCertificateForNewConnectionsWhileItsOpenOneGoesOn(CapturedOutput output)
			throws Exception {
		Path live = Files.createDirectories(keys.resolve("client-" + ioMode()));
		TestPem.write(keys.resolve("alice.p12"), "alice", live, "client");
		TestPem.writeCertificate(keys.resolve("first.p12"), "first", live.resolve("server.crt"));
		try (RecordingTlsServer server = new RecordingTlsServer()) {
			this.runner
				.withPropertyValues("ipc.tcp.clients.secure.host=127.0.0.1", "ipc.tcp.clients.secure.port=" + server.port(),
						"ipc.tcp.clients.secure.pool-size=1", "ipc.tcp.clients.secure.reply-timeout=10s",
						"ipc.tcp.clients.secure.io-mode=" + ioMode(), "ipc.tcp.clients.secure.ssl.bundle=client",
						"spring.ssl.bundle.pem.client.reload-on-update=true",
						"spring.ssl.bundle.pem.client.keystore.certificate=file:" + live.resolve("client.crt"),
						"spring.ssl.bundle.pem.client.keystore.private-key=file:" + live.resolve("client.key"),
						"spring.ssl.bundle.pem.client.truststore.certificate=file:" + live.resolve("server.crt"))
				.run((context) -> {
					assertThat(context).hasNotFailed();
					TcpClient client = context.getBean(TcpClients.class).client("secure");
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					assertThat(client.request("hi")).isEqualTo("OK hi");
					assertThat(server.clientNames).containsExactly("CN=alice");
					TestPem.write(keys.resolve("bob.p12"), "bob", live, "client");
					await().atMost(RELOADED).until(() -> reloads(registry, "client") >= 1);
					assertThat(output).contains("TCP client 'secure' (127.0.0.1:" + server.port()
							+ ") reloaded SSL bundle 'client'");
					// the pooled connection goes on with the certificate it was made with
					assertThat(client.request("again")).isEqualTo("OK again");
					assertThat(server.clientNames).containsExactly("CN=alice");
					server.closeConnections();
					await().atMost(RELOADED)
						.ignoreExceptions()
						.untilAsserted(() -> assertThat(client.request("new")).isEqualTo("OK new"));
					assertThat(server.clientNames).last().isEqualTo("CN=bob");
				});
		}
	}

	private static double reloads(MeterRegistry registry, String side) {
		return registry.get("ipc.tcp.ssl.reloads").tags("name", "secure", "side", side).counter().count();
	}

	private static SSLContext trustingEveryTestCertificate() throws Exception {
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		trusted.load(null, null);
		for (String name : List.of("first", "second", "alice", "bob")) {
			trusted.setCertificateEntry(name, TestPem.load(keys.resolve(name + ".p12")).getCertificate(name));
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(TestPem.load(keys.resolve("first.p12")), TestKeytool.PASSWORD.toCharArray());
		context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
		return context;
	}

	/**
	 * A TLS line client of plain sockets that trusts every test certificate.
	 */
	private static final class TlsLineClient implements AutoCloseable {

		private final SSLSocket socket;

		private final BufferedReader reader;

		TlsLineClient(int port) throws Exception {
			this.socket = (SSLSocket) trustingEveryTestCertificate().getSocketFactory().createSocket();
			this.socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
			this.socket.setSoTimeout(10_000);
			this.socket.startHandshake();
			this.reader = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
		}

		String serverName() throws Exception {
			return ((X509Certificate) this.socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
				.getName();
		}

		String request(String line) throws IOException {
			return TlsLineSockets.request(this.socket, this.reader, line);
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

	/**
	 * A TLS server of plain sockets with the certificate {@code first} that needs a client
	 * certificate, records the subject of each connection's, and answers {@code OK <line>}.
	 */
	private static final class RecordingTlsServer implements AutoCloseable {

		final List<String> clientNames = new CopyOnWriteArrayList<>();

		private final SSLServerSocket serverSocket;

		private final List<Socket> sockets = new CopyOnWriteArrayList<>();

		private final ExecutorService threads = Executors.newCachedThreadPool();

		RecordingTlsServer() throws Exception {
			this.serverSocket = (SSLServerSocket) trustingEveryTestCertificate().getServerSocketFactory()
				.createServerSocket();
			this.serverSocket.setNeedClientAuth(true);
			this.serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
			this.threads.execute(this::accept);
		}

		int port() {
			return this.serverSocket.getLocalPort();
		}

		void closeConnections() throws IOException {
			for (Socket socket : this.sockets) {
				socket.close();
			}
		}

		private void accept() {
			while (!this.serverSocket.isClosed()) {
				try {
					SSLSocket socket = (SSLSocket) this.serverSocket.accept();
					this.sockets.add(socket);
					this.threads.execute(() -> serve(socket));
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		private void serve(SSLSocket socket) {
			try {
				socket.setSoTimeout(60_000);
				socket.startHandshake();
				this.clientNames.add(((X509Certificate) socket.getSession().getPeerCertificates()[0])
					.getSubjectX500Principal()
					.getName());
				TlsLineSockets.answerLines(socket, "OK ");
			}
			catch (IOException ex) {
				// the client went away, or the test closed the connection
			}
		}

		@Override
		public void close() throws Exception {
			this.serverSocket.close();
			closeConnections();
			this.threads.shutdownNow();
			this.threads.awaitTermination(5, TimeUnit.SECONDS);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Ack {

		@TcpListener("secure")
		String onLine(String line) {
			return "ACK " + line;
		}

	}

}
