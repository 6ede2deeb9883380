package io.github.ipcboot.tcp.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ipcboot.tcp.HeapUsage;
import io.github.ipcboot.tcp.TcpClient;
import io.github.ipcboot.tcp.TcpClients;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a NIO connection keeps on the heap once it has written a reply does not depend on the
 * socket's send buffer (SO_SNDBUF, about 2 MB over loopback, which Spring Integration's own write
 * buffer would take): a NIO server and a NIO client, plain and TLS, each hold a few hundred
 * connections that have each served one request, well within a bound that a buffer of the send
 * buffer's size would exceed several times, while a well-behaved client is served.
 */
class NioConnectionMemoryTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	/** Client connections, each with its server connection in the same JVM. */
	private static final int CONNECTIONS = 200;

	/**
	 * The bound per connection: a 16 KiB read buffer, an 8 KiB write buffer, the connection's
	 * objects and, with TLS, the engine and its two buffers of about 17 KiB come to about a third
	 * of it; a buffer of a loopback socket's send buffer alone is eight times as much.
	 */
	private static final long PER_CONNECTION = 256 * 1024;

	/** What else the test JVM allocates meanwhile (threads, pools, classes). */
	private static final long ALLOWANCE = 16L * 1024 * 1024;

	@TempDir
	static Path keys;

	@BeforeAll
	static void makeCertificates() throws Exception {
		TestKeytool.serverKeyStore(keys);
		TestKeytool.run(keys, "-exportcert", "-alias", "server", "-keystore", "server.p12", "-file", "server.crt");
		TestKeytool.run(keys, "-importcert", "-noprompt", "-alias", "server", "-file", "server.crt", "-keystore",
				"trust.p12");
	}

	@ParameterizedTest(name = "tls={0}")
	@ValueSource(booleans = { false, true })
	void connectionsThatServedARequestShouldKeepLittleHeapWhateverTheSendBuffer(boolean tls) {
		server(tls).run((serverContext) -> {
			int port = serverContext.getBean(TcpServers.class).port("echo");
			Held listener = serverContext.getBean(Held.class);
			client(tls, port).run((clientContext) -> {
				TcpClient many = clientContext.getBean(TcpClients.class).client("many");
				TcpClient good = clientContext.getBean(TcpClients.class).client("good");
				assertThat(good.request("before")).isEqualTo("ACK before");
				long before = HeapUsage.usedAfterGc();
				ExecutorService requesters = Executors.newFixedThreadPool(CONNECTIONS);
				try {
					List<Future<String>> replies = new ArrayList<>();
					for (int i = 0; i < CONNECTIONS; i++) {
						String request = "hold " + i;
						replies.add(requesters.submit(() -> many.request(request)));
					}
					// every request on a connection of its own, held by the listener
					await().atMost(TIMEOUT)
						.failFast(() -> assertThat(replies).filteredOn(Future::isDone)
							.allSatisfy((reply) -> assertThat(reply.get()).as("released early").isNull()))
						.until(() -> listener.held.get() == CONNECTIONS);
					assertThat(good.request("during")).isEqualTo("ACK during");
					listener.release.countDown();
					for (int i = 0; i < CONNECTIONS; i++) {
						assertThat(replies.get(i).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("ACK hold " + i);
					}
				}
				finally {
					listener.release.countDown();
					requesters.shutdownNow();
					assertThat(requesters.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
				}
				assertThat(many.getConnectionRegistry().getOpenConnections()).isEqualTo(CONNECTIONS);
				assertThat(serverContext.getBean(TcpServers.class).get("echo").getConnectionRegistry().getOpenConnections())
					.isEqualTo(CONNECTIONS + 1);
				long bound = 2 * CONNECTIONS * PER_CONNECTION + ALLOWANCE;
				long[] growth = new long[1];
				await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
					growth[0] = HeapUsage.usedAfterGc() - before;
					assertThat(growth[0]).isLessThanOrEqualTo(bound);
				});
				System.out.printf("NIO memory (tls=%s): %d server and %d client connections, heap growth after GC "
						+ "%,d bytes (%,d per connection; bound %,d); a loopback socket's SO_SNDBUF: %,d%n", tls,
						CONNECTIONS, CONNECTIONS, growth[0], growth[0] / (2 * CONNECTIONS), bound, loopbackSendBuffer());
				assertThat(good.request("after")).isEqualTo("ACK after");
			});
		});
	}

	private static ApplicationContextRunner server(boolean tls) {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, TcpAutoConfiguration.class))
			.withUserConfiguration(Held.class)
			.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1",
					"ipc.tcp.servers.echo.io-mode=nio");
		if (!tls) {
			return runner;
		}
		return runner.withPropertyValues("ipc.tcp.servers.echo.ssl.bundle=server",
				"spring.ssl.bundle.jks.server.keystore.location=file:" + keys.resolve("server.p12"),
				"spring.ssl.bundle.jks.server.keystore.type=PKCS12",
				"spring.ssl.bundle.jks.server.keystore.password=" + TestKeytool.PASSWORD);
	}

	private static ApplicationContextRunner client(boolean tls, int port) {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, TcpAutoConfiguration.class));
		for (String name : List.of("many", "good")) {
			String prefix = "ipc.tcp.clients." + name;
			runner = runner.withPropertyValues(prefix + ".host=127.0.0.1", prefix + ".port=" + port,
					prefix + ".io-mode=nio", prefix + ".reply-timeout=60s",
					// hundreds of TLS handshakes at once on a loaded machine
					prefix + ".connect-timeout=30s");
			if (tls) {
				runner = runner.withPropertyValues(prefix + ".ssl.bundle=trusting");
			}
		}
		return runner.withPropertyValues("ipc.tcp.clients.many.pool-size=" + CONNECTIONS,
				"spring.ssl.bundle.jks.trusting.truststore.location=file:" + keys.resolve("trust.p12"),
				"spring.ssl.bundle.jks.trusting.truststore.type=PKCS12",
				"spring.ssl.bundle.jks.trusting.truststore.password=" + TestKeytool.PASSWORD);
	}

	/**
	 * Return the send buffer of an accepted loopback socket, as Java reports it.
	 */
	private static int loopbackSendBuffer() throws IOException {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		try (ServerSocket listening = new ServerSocket(0, 1, loopback);
				Socket client = new Socket(loopback, listening.getLocalPort());
				Socket accepted = listening.accept()) {
			return accepted.getSendBufferSize();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Held {

		final AtomicInteger held = new AtomicInteger();

		final CountDownLatch release = new CountDownLatch(1);

		@TcpListener("echo")
		String onLine(String line) throws InterruptedException {
			if (line.startsWith("hold ")) {
				this.held.incrementAndGet();
				this.release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
			return "ACK " + line;
		}

	}

}
