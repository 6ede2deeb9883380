package io.github.ipcboot.tcp.autoconfigure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.github.ipcboot.TestThreads;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * TLS clients that attack the server through the TLS layer itself, each next to a well-behaved
 * client that must still be served.
 */
class TcpTlsHostileClientTests {

	private static final String BUNDLE = "spring.ssl.bundle.jks.server";

	@TempDir
	static Path keys;

	private final ApplicationContextRunner server = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, TcpAutoConfiguration.class,
				TcpMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withUserConfiguration(Ack.class)
		.withPropertyValues("ipc.tcp.servers.secure.port=0", "ipc.tcp.servers.secure.address=127.0.0.1",
				"ipc.tcp.servers.secure.ssl.bundle=server", "ipc.tcp.servers.secure.io-mode=" + ioMode(),
				"ipc.tcp.servers.secure.idle-timeout=1m", BUNDLE + ".keystore.location=file:" + keys.resolve("server.p12"),
				BUNDLE + ".keystore.type=PKCS12", BUNDLE + ".keystore.password=" + TestKeytool.PASSWORD);

	/**
	 * The I/O mode of the server in every test of this class.
	 */
	String ioMode() {
		return "net";
	}

	@BeforeAll
	static void makeCertificates() throws Exception {
		TestKeytool.serverKeyStoreAndClientTrust(keys);
	}

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = ThreadMode.SEPARATE_THREAD)
	void clientThatRequestsKeyUpdatesAndNeverReadsShouldBeClosedAfterTheWriteTimeoutWhileAnotherIsServed() {
		this.server.withPropertyValues("ipc.tcp.servers.secure.write-timeout=300ms").run((context) -> {
			int port = context.getBean(TcpServers.class).port("secure");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			try (TlsClient served = new TlsClient(port); TlsClient flooding = new TlsClient(port)) {
				assertThat(served.request("before")).isEqualTo("ACK before");
				// each handshake call after the first is a TLS 1.3 KeyUpdate that asks for one back:
				// the server's replies fill the socket buffers of a client that never reads them
				CompletableFuture<Void> flood = TestThreads.runAsync(() -> {
					try {
						for (int i = 0; i < 10_000_000; i++) {
							flooding.socket.startHandshake();
						}
					}
					catch (IOException ex) {
						// closed by the server, as expected
					}
				});
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(registry
					.get("ipc.tcp.connections.closed")
					.tags("name", "secure", "side", "server")
					.tag("reason", "write_timeout")
					.counter()
					.count()).isEqualTo(1));
				flood.get(30, TimeUnit.SECONDS);
				for (int i = 0; i < 5; i++) {
					assertThat(served.request("after " + i)).isEqualTo("ACK after " + i);
				}
				await().atMost(Duration.ofSeconds(30))
					.until(() -> registry.get("ipc.tcp.connections.active").gauge().value() == 1);
			}
		});
	}

	/**
	 * A TLS 1.3 client of plain sockets that trusts the test server, with a small receive buffer.
	 */
	static final class TlsClient implements AutoCloseable {

		final SSLSocket socket;

		private final BufferedReader reader;

		TlsClient(int port) throws Exception {
			SSLContext context = TestKeytool.clientContext(keys, "TLSv1.3");
			this.socket = (SSLSocket) context.getSocketFactory().createSocket();
			this.socket.setReceiveBufferSize(4096);
			this.socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
			this.socket.setSoTimeout(10_000);
			this.socket.startHandshake();
			this.reader = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
		}

		String request(String line) throws IOException {
			return TlsLineSockets.request(this.socket, this.reader, line);
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
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
