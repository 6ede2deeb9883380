package io.github.ipcboot.tcp.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.tcp.ConnectionRegistry.ConnectAttempt;
import io.github.ipcboot.tcp.TcpClient;
import io.github.ipcboot.tcp.TcpClients;
import io.github.ipcboot.tcp.TcpConnectException;
import io.github.ipcboot.tcp.TcpReplyTimeoutException;
import io.github.ipcboot.tcp.TestLineServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the meters of a TCP client ({@link TcpMetricsAutoConfiguration}), against a
 * plain-socket server on 127.0.0.1.
 */
class TcpClientMetricsTests {

	private static final Tags CLIENT = Tags.of("name", "pricing", "side", "client");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class, TcpMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("ipc.tcp.clients.pricing.host=127.0.0.1", "ipc.tcp.clients.pricing.reply-timeout=10s",
				"ipc.tcp.clients.pricing.io-mode=" + ioMode());

	/**
	 * The I/O mode every test of this class runs with.
	 */
	String ioMode() {
		return "net";
	}

	@Test
	void metersShouldExistAtZeroBeforeTheFirstRequest() throws IOException {
		try (TestLineServer server = new TestLineServer((line) -> line)) {
			this.contextRunner.withPropertyValues("ipc.tcp.clients.pricing.port=" + server.port()).run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				for (String outcome : new String[] { "success", "timeout", "error" }) {
					assertThat(requests(registry, outcome)).isZero();
				}
				assertThat(registry.get("ipc.tcp.connections.active").tags(CLIENT).gauge().value()).isZero();
				assertThat(count(registry, "ipc.tcp.frames.received")).isZero();
				assertThat(registry.find("ipc.tcp.connections.rejected").meters()).isEmpty();
				assertThat(registry.find("ipc.tcp.handler").meters()).isEmpty();
			});
		}
	}

	@Test
	void requestShouldCountFramesAndBytesBothWays() throws IOException {
		try (TestLineServer server = new TestLineServer((line) -> "PRICE " + line)) {
			this.contextRunner.withPropertyValues("ipc.tcp.clients.pricing.port=" + server.port()).run((context) -> {
				TcpClient client = context.getBean(TcpClients.class).client("pricing");
				assertThat(client.request("ACME")).isEqualTo("PRICE ACME");
				assertThat(client.request("INTC")).isEqualTo("PRICE INTC");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(count(registry, "ipc.tcp.frames.sent")).isEqualTo(2);
				assertThat(count(registry, "ipc.tcp.frames.received")).isEqualTo(2);
				assertThat(count(registry, "ipc.tcp.data.sent")).isEqualTo("ACME\r\nINTC\r\n".length());
				assertThat(count(registry, "ipc.tcp.data.received")).isEqualTo("PRICE ACME\r\nPRICE INTC\r\n".length());
				assertThat(count(registry, "ipc.tcp.connections.opened")).isEqualTo(1);
				assertThat(registry.get("ipc.tcp.connections.active").tags(CLIENT).gauge().value()).isEqualTo(1);
				assertThat(requests(registry, "success")).isEqualTo(2);
				assertThat(registry.get("ipc.tcp.client.requests").tag("outcome", "success").timer().totalTime(
						TimeUnit.NANOSECONDS)).isPositive();
			});
		}
	}

	@Test
	void missingReplyShouldBeTimedAsATimeout() throws IOException {
		try (TestLineServer server = new TestLineServer((line) -> line.equals("ignore me") ? null : "OK " + line)) {
			this.contextRunner.withPropertyValues("ipc.tcp.clients.pricing.port=" + server.port()).run((context) -> {
				TcpClient client = context.getBean(TcpClients.class).client("pricing");
				// only this request has a short timeout: the successful ones have the generous default
				assertThatExceptionOfType(TcpReplyTimeoutException.class)
					.isThrownBy(() -> client.exchange("ignore me", (reply) -> true, Duration.ofMillis(300)));
				assertThat(client.requestAsync("async").get(10, TimeUnit.SECONDS))
					.isEqualTo("OK async");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(requests(registry, "timeout")).isEqualTo(1);
				assertThat(requests(registry, "success")).isEqualTo(1);
				assertThat(requests(registry, "error")).isZero();
				assertThat(registry.get("ipc.tcp.client.requests").tag("outcome", "timeout").timer().totalTime(
						TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(300);
			});
		}
	}

	@Test
	void unreachableServerShouldCountTheRequestAsAnErrorAndKeepTheFailedAttempt() throws IOException {
		int closedPort;
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = probe.getLocalPort();
		}
		this.contextRunner.withPropertyValues("ipc.tcp.clients.pricing.port=" + closedPort).run((context) -> {
			TcpClient client = context.getBean(TcpClients.class).client("pricing");
			assertThat(client.getConnectionRegistry().getLastConnect()).isNull();
			assertThatExceptionOfType(TcpConnectException.class).isThrownBy(() -> client.request("ACME"));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(requests(registry, "error")).isEqualTo(1);
			assertThat(count(registry, "ipc.tcp.connections.opened")).isZero();
			ConnectAttempt last = client.getConnectionRegistry().getLastConnect();
			assertThat(last).isNotNull();
			assertThat(last.succeeded()).isFalse();
			assertThat(last.error()).isNotBlank();
		});
	}

	@Test
	void connectionClosedByTheServerShouldCountAsNormalAndThoseOpenAtStopAsShutdown() throws IOException {
		try (TestLineServer server = new TestLineServer((line) -> line.equals("QUIT") ? TestLineServer.CLOSE : "OK")) {
			this.contextRunner.withPropertyValues("ipc.tcp.clients.pricing.port=" + server.port()).run((context) -> {
				TcpClient client = context.getBean(TcpClients.class).client("pricing");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(client.request("hello")).isEqualTo("OK");
				// a fire-and-forget frame goes on a connection of its own, besides the pool of one: the
				// server closes that one (normal) and the request connection stays for the next request
				client.send("QUIT");
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(count(registry, "ipc.tcp.connections.closed", "reason", "normal"))
						.isEqualTo(1));
				assertThat(client.request("again")).isEqualTo("OK");
				assertThat(count(registry, "ipc.tcp.connections.opened")).isEqualTo(2);
				context.close();
				assertThat(count(registry, "ipc.tcp.connections.closed", "reason", "shutdown")).isEqualTo(1);
				assertThat(count(registry, "ipc.tcp.connections.opened")).isEqualTo(2);
				assertThat(registry.get("ipc.tcp.connections.active").tags(CLIENT).gauge().value()).isZero();
			});
		}
	}

	private static double count(MeterRegistry registry, String name, String... tags) {
		return registry.get(name).tags(CLIENT).tags(tags).counter().count();
	}

	private static long requests(MeterRegistry registry, String outcome) {
		return registry.get("ipc.tcp.client.requests").tags("name", "pricing", "outcome", outcome).timer().count();
	}

}
