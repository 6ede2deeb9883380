package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ipcboot.tcp.TcpClient;
import io.github.ipcboot.tcp.TcpClients;
import io.github.ipcboot.tcp.TcpConnectException;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.actuate.TcpEndpoint;
import io.github.ipcboot.tcp.actuate.TcpEndpoint.ClientDescriptor;
import io.github.ipcboot.tcp.actuate.TcpEndpoint.ServerDescriptor;
import io.github.ipcboot.tcp.autoconfigure.TcpAutoConfiguration;
import io.github.ipcboot.tcp.autoconfigure.TcpEndpointAutoConfiguration;
import io.github.ipcboot.tcp.autoconfigure.TcpMetricsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A client whose host is {@code unix:<path>} against a server on the same Unix domain socket,
 * in one context: request-reply, the pool, a socket nobody listens on, and the transport in the
 * meters and the {@code tcp} endpoint.
 */
class UnixSocketClientTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@TempDir
	Path dir;

	/**
	 * The I/O mode of the client in every test of this class.
	 */
	String ioMode() {
		return "net";
	}

	private ApplicationContextRunner runner(Path socket) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class, TcpMetricsAutoConfiguration.class,
					TcpEndpointAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withUserConfiguration(PairListener.class)
			.withPropertyValues("ipc.tcp.servers.prices.address=unix:" + socket,
					"ipc.tcp.clients.pricing.host=unix:" + socket, "ipc.tcp.clients.pricing.pool-size=2",
					"ipc.tcp.clients.pricing.io-mode=" + ioMode(),
					"management.endpoints.web.exposure.include=tcp");
	}

	@Test
	void requestsShouldGetTheirReplies() throws Exception {
		Path socket = this.dir.resolve("prices.sock");
		runner(socket).run((context) -> {
			assertThat(context).hasNotFailed();
			TcpClient client = context.getBean(TcpClients.class).client("pricing");
			assertThat(client.getSettings().ioMode()).hasToString(ioMode().toUpperCase(java.util.Locale.ROOT));
			assertThat(client.request("ACME")).isEqualTo("PRICE ACME");
			assertThat(client.request("é".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
				.isEqualTo("PRICE é".getBytes(java.nio.charset.StandardCharsets.UTF_8));
			assertThat(client.requestAsync("ASYNC").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
				.isEqualTo("PRICE ASYNC");
		});
	}

	@Test
	void poolShouldCarryConcurrentRequestsOnSeparateConnections() throws Exception {
		Path socket = this.dir.resolve("pool.sock");
		runner(socket).run((context) -> {
			TcpClient client = context.getBean(TcpClients.class).client("pricing");
			// the listener answers PAIR only once two of them are in: both travel at the same time
			CompletableFuture<String> first = client.requestAsync("PAIR 1");
			CompletableFuture<String> second = client.requestAsync("PAIR 2");
			assertThat(first.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("OK PAIR 1");
			assertThat(second.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("OK PAIR 2");
			assertThat(context.getBean(PairListener.class).connections).hasValue(2);
		});
	}

	@Test
	void socketNobodyListensOnShouldFailTheRequestWithThePath() {
		Path socket = this.dir.resolve("absent.sock");
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
			.withPropertyValues("ipc.tcp.clients.pricing.host=unix:" + socket, "ipc.tcp.clients.pricing.io-mode=" + ioMode())
			.run((context) -> {
				TcpClient client = context.getBean(TcpClients.class).client("pricing");
				assertThatExceptionOfType(TcpConnectException.class).isThrownBy(() -> client.request("ACME"))
					.withMessageContaining("could not connect")
					.withMessageContaining(socket.toString());
			});
	}

	@Test
	void connectToAServerThatDoesNotAcceptShouldFailWithinTheConnectTimeout() throws Exception {
		Path socket = this.dir.resolve("stalled.sock");
		java.util.List<java.nio.channels.SocketChannel> queued = new java.util.ArrayList<>();
		try (java.nio.channels.ServerSocketChannel stalled = java.nio.channels.ServerSocketChannel
			.open(java.net.StandardProtocolFamily.UNIX)) {
			stalled.bind(java.net.UnixDomainSocketAddress.of(socket), 1);
			UnixConnectionFactoryTests.fillBacklog(socket, queued);
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
				.withPropertyValues("ipc.tcp.clients.pricing.host=unix:" + socket,
						"ipc.tcp.clients.pricing.io-mode=" + ioMode(), "ipc.tcp.clients.pricing.connect-timeout=500ms",
						"ipc.tcp.clients.pricing.reply-timeout=20s")
				.run((context) -> {
					TcpClient client = context.getBean(TcpClients.class).client("pricing");
					long start = System.nanoTime();
					assertThatExceptionOfType(TcpConnectException.class).isThrownBy(() -> client.request("ACME"))
						.withMessageContaining(socket.toString())
						.withRootCauseInstanceOf(java.net.SocketTimeoutException.class);
					// a request connects at most 3 times, each within the connect timeout
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
				});
		}
		finally {
			for (java.nio.channels.SocketChannel channel : queued) {
				channel.close();
			}
		}
	}

	@Test
	void metersAndTheEndpointShouldTellTheTransport() {
		Path socket = this.dir.resolve("meters.sock");
		runner(socket).run((context) -> {
			TcpClient client = context.getBean(TcpClients.class).client("pricing");
			assertThat(client.request("ACME")).isEqualTo("PRICE ACME");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("ipc.tcp.frames.received")
				.tags("name", "prices", "side", "server", "transport", "unix")
				.counter()
				.count()).isEqualTo(1);
			assertThat(registry.get("ipc.tcp.frames.received")
				.tags("name", "pricing", "side", "client", "transport", "unix")
				.counter()
				.count()).isEqualTo(1);
			TcpEndpoint.TcpDescriptor tcp = context.getBean(TcpEndpoint.class).tcp();
			ServerDescriptor server = tcp.servers().get(0);
			assertThat(server.transport()).isEqualTo("unix");
			assertThat(server.address()).isEqualTo("unix:" + socket);
			assertThat(server.port()).isNull();
			assertThat(server.listening()).isTrue();
			java.nio.file.attribute.PosixFileAttributes me = UnixSocketServerTests.currentUser();
			assertThat(server.connections()).singleElement()
				.satisfies((connection) -> assertThat(connection.remoteAddress()).isEqualTo(
						"unix (user " + me.owner().getName() + ", group " + me.group().getName() + ")"));
			assertThat(server.ioMode()).isEqualTo("net");
			ClientDescriptor pricing = tcp.clients().get(0);
			assertThat(pricing.transport()).isEqualTo("unix");
			assertThat(pricing.port()).isNull();
			assertThat(pricing.ioMode()).isEqualTo(ioMode());
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class PairListener {

		final CountDownLatch pair = new CountDownLatch(2);

		final AtomicInteger connections = new AtomicInteger();

		private final Map<String, Boolean> seen = new java.util.concurrent.ConcurrentHashMap<>();

		@TcpListener("prices")
		String onLine(String line, io.github.ipcboot.tcp.TcpSession session) throws InterruptedException {
			if (this.seen.putIfAbsent(session.id(), true) == null) {
				this.connections.incrementAndGet();
			}
			if (line.startsWith("PAIR")) {
				this.pair.countDown();
				return this.pair.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS) ? "OK " + line : "TIMEOUT";
			}
			return "PRICE " + line;
		}

	}

}
