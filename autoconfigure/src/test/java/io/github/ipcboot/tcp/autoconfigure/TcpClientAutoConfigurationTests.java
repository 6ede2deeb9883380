package io.github.ipcboot.tcp.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.TestThreads;
import io.github.ipcboot.tcp.TcpClient;
import io.github.ipcboot.tcp.TcpClientException;
import io.github.ipcboot.tcp.TcpClients;
import io.github.ipcboot.tcp.TcpConnectException;
import io.github.ipcboot.tcp.TcpReplyTimeoutException;
import io.github.ipcboot.tcp.TestLineServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.integration.ip.tcp.connection.AbstractClientConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the TCP clients of {@link TcpAutoConfiguration}, against a plain-socket server on
 * 127.0.0.1.
 */
class TcpClientAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
		.withPropertyValues("ipc.tcp.clients.pricing.host=127.0.0.1", "ipc.tcp.clients.pricing.io-mode=" + ioMode());

	/**
	 * The I/O mode every test of this class runs with.
	 */
	String ioMode() {
		return "net";
	}

	@Test
	void noClientConfiguredShouldCreateNoClient() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(AbstractClientConnectionFactory.class);
				assertThat(context.getBean(TcpClients.class).names()).isEmpty();
			});
	}

	@Test
	void requestShouldReturnTheReply() throws IOException {
		try (TestLineServer server = new TestLineServer((line) -> "PRICE " + line)) {
			this.contextRunner.withPropertyValues("ipc.tcp.clients.pricing.port=" + server.port()).run((context) -> {
				assertThat(context).hasBean("pricingTcpClientConnectionFactory").hasBean("pricingTcpClient");
				TcpClient client = context.getBean(TcpClients.class).client("pricing");
				assertThat(client.request("ACME")).isEqualTo("PRICE ACME");
				assertThat(client.request("é".getBytes(StandardCharsets.UTF_8)))
					.isEqualTo("PRICE é".getBytes(StandardCharsets.UTF_8));
				assertThat(client.requestAsync("ASYNC").get(10, TimeUnit.SECONDS)).isEqualTo("PRICE ASYNC");
				assertThat(server.connections).hasValue(1);
			});
		}
	}

	@Test
	void poolShouldCarryConcurrentRequestsOnSeparateConnections() throws IOException {
		CountDownLatch bothArrived = new CountDownLatch(2);
		try (TestLineServer server = new TestLineServer((line) -> {
			bothArrived.countDown();
			try {
				// answer only once both requests are in, which proves they travel at the same time
				return bothArrived.await(10, TimeUnit.SECONDS) ? "OK " + line : "TIMEOUT";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		})) {
			this.contextRunner
				.withPropertyValues("ipc.tcp.clients.pricing.port=" + server.port(),
						"ipc.tcp.clients.pricing.pool-size=2")
				.run((context) -> {
					TcpClient client = context.getBean(TcpClients.class).client("pricing");
					CompletableFuture<String> first = client.requestAsync("one");
					CompletableFuture<String> second = client.requestAsync("two");
					assertThat(first.get(15, TimeUnit.SECONDS)).isEqualTo("OK one");
					assertThat(second.get(15, TimeUnit.SECONDS)).isEqualTo("OK two");
					assertThat(server.connections).hasValue(2);
				});
		}
	}

	@Test
	void clientShouldReconnectAfterTheServerClosedTheConnection() throws IOException {
		try (TestLineServer server = new TestLineServer((line) -> "OK")) {
			this.contextRunner.withPropertyValues("ipc.tcp.clients.pricing.port=" + server.port(),
					"ipc.tcp.clients.pricing.reply-timeout=10s").run((context) -> {
						TcpClient client = context.getBean(TcpClients.class).client("pricing");
						for (int round = 0; round < 5; round++) {
							assertThat(client.request("hello")).isEqualTo("OK");
							// the server closes its idle connections: the client sees it and drops its own
							server.closeConnections();
							await().atMost(Duration.ofSeconds(10))
								.until(() -> client.getConnectionRegistry().getOpenConnections() == 0);
						}
						// every request after a close went on a new connection, none failed
						assertThat(client.request("again")).isEqualTo("OK");
						assertThat(server.connections).hasValue(6);
					});
		}
	}

	@Test
	void missingReplyShouldTimeOutAndTheNextRequestShouldWork() throws IOException {
		try (TestLineServer server = new TestLineServer((line) -> line.equals("ignore me") ? null : "OK " + line)) {
			this.contextRunner.withPropertyValues("ipc.tcp.clients.pricing.port=" + server.port(),
					"ipc.tcp.clients.pricing.reply-timeout=300ms").run((context) -> {
						TcpClient client = context.getBean(TcpClients.class).client("pricing");
						assertThatExceptionOfType(TcpReplyTimeoutException.class)
							.isThrownBy(() -> client.request("ignore me"))
							.withMessageContaining("TCP client 'pricing' (127.0.0.1:" + server.port() + ") got no reply")
							.satisfies((ex) -> assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(300)));
						// the timed-out connection was dropped: the late reply cannot answer this one
						assertThat(client.exchange("next", (reply) -> true, Duration.ofSeconds(10))).containsExactly("OK next");
						assertThat(server.connections).hasValue(2);
					});
		}
	}

	@Test
	void unreachableServerShouldRaiseConnectException() throws IOException {
		int port;
		try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = closed.getLocalPort();
		}
		this.contextRunner.withPropertyValues("ipc.tcp.clients.pricing.port=" + port).run((context) -> {
			TcpClient client = context.getBean(TcpClients.class).client("pricing");
			assertThatExceptionOfType(TcpConnectException.class).isThrownBy(() -> client.request("anyone?"))
				.withMessageContaining("TCP client 'pricing' (127.0.0.1:" + port + ") could not connect");
			assertThat(client.requestAsync("anyone?")).failsWithin(Duration.ofSeconds(10))
				.withThrowableThat()
				.withCauseInstanceOf(TcpConnectException.class);
		});
	}

	@Test
	void stoppedClientShouldRefuseRequestsWithoutConnecting() throws IOException {
		try (TestLineServer server = new TestLineServer((line) -> "OK " + line)) {
			this.contextRunner.withPropertyValues("ipc.tcp.clients.pricing.port=" + server.port()).run((context) -> {
				TcpClient client = context.getBean(TcpClients.class).client("pricing");
				context.getBean(TcpClients.class).stop();
				assertThatExceptionOfType(TcpClientException.class).isThrownBy(() -> client.request("late"))
					.withMessage("TCP client 'pricing' (127.0.0.1:" + server.port() + ") is not running");
				assertThatExceptionOfType(TcpClientException.class).isThrownBy(() -> client.send("late"))
					.withMessageContaining("is not running");
				assertThat(client.requestAsync("late")).failsWithin(Duration.ofSeconds(10))
					.withThrowableThat()
					.havingCause()
					.withMessageContaining("is not running");
				// nothing was attempted: no failed connect shows in the health
				assertThat(client.getConnectionRegistry().getLastConnect()).isNull();
				assertThat(server.connections).hasValue(0);
			});
		}
	}

	@Test
	void busyPoolShouldTimeOutWaitingForAConnection() throws IOException {
		CountDownLatch release = new CountDownLatch(1);
		try (TestLineServer server = new TestLineServer(TestLineServer.answerWhenReleased(release))) {
			this.contextRunner.withPropertyValues("ipc.tcp.clients.pricing.port=" + server.port(),
					"ipc.tcp.clients.pricing.pool-size=1", "ipc.tcp.clients.pricing.reply-timeout=1s").run((context) -> {
						TcpClient client = context.getBean(TcpClients.class).client("pricing");
						// holds the only connection, with a timeout of its own far beyond the client's
						CompletableFuture<List<String>> holder = TestThreads.supplyAsync(
								() -> client.exchange("slow", (reply) -> true, Duration.ofSeconds(30)));
						await().atMost(Duration.ofSeconds(10)).until(() -> server.received.contains("slow"));
						long started = System.nanoTime();
						assertThatExceptionOfType(TcpReplyTimeoutException.class).isThrownBy(() -> client.request("next"))
							.withMessageContaining("found no free connection among 1 within PT1S (queued, nothing was sent)");
						assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900))
							.isLessThan(Duration.ofSeconds(8));
						release.countDown();
						assertThat(holder.get(20, TimeUnit.SECONDS)).containsExactly("OK slow");
						// the waiting request never reached the server, and no second connection was opened
						assertThat(server.received).containsExactly("slow");
						assertThat(server.connections).hasValue(1);
						assertThat(client.request("after")).isEqualTo("OK after");
						assertThat(server.connections).hasValue(1);
					});
		}
	}

	@Test
	void sendShouldDeliverWithoutWaitingForAReply() throws IOException {
		try (TestLineServer server = new TestLineServer((line) -> null)) {
			this.contextRunner.withPropertyValues("ipc.tcp.clients.pricing.port=" + server.port()).run((context) -> {
				TcpClient client = context.getBean(TcpClients.class).client("pricing");
				client.send("one");
				client.send("two".getBytes(StandardCharsets.UTF_8));
				await().atMost(Duration.ofSeconds(10)).until(() -> server.received.size() == 2);
				assertThat(server.received).containsExactly("one", "two");
			});
		}
	}

	@Test
	void pendingAsyncRequestsShouldFailWhenTheClientStops() throws IOException {
		try (TestLineServer server = new TestLineServer((line) -> null)) {
			this.contextRunner.withPropertyValues("ipc.tcp.clients.pricing.port=" + server.port(),
					"ipc.tcp.clients.pricing.reply-timeout=30s").run((context) -> {
						CompletableFuture<String> pending = context.getBean(TcpClients.class)
							.client("pricing")
							.requestAsync("never answered");
						await().atMost(Duration.ofSeconds(10)).until(() -> server.received.size() == 1);
						context.getBean(TcpClients.class).stop();
						assertThat(pending).failsWithin(Duration.ofSeconds(10))
							.withThrowableThat()
							.withCauseInstanceOf(io.github.ipcboot.tcp.TcpClientException.class);
					});
		}
	}

	@Test
	void asyncRequestsShouldBeRefusedAtOnceWhileDrainingAndWhenStopped() throws IOException {
		try (TestLineServer server = new TestLineServer((line) -> "OK " + line)) {
			this.contextRunner.withPropertyValues("ipc.tcp.clients.pricing.port=" + server.port()).run((context) -> {
				TcpClients clients = context.getBean(TcpClients.class);
				TcpClient client = clients.client("pricing");
				assertThat(client.requestAsync("before").get(10, TimeUnit.SECONDS)).isEqualTo("OK before");
				clients.beginDrain();
				assertThat(client.requestAsync("draining")).failsWithin(Duration.ZERO)
					.withThrowableThat()
					.havingCause()
					.isInstanceOf(TcpClientException.class)
					.withMessageContaining("is shutting down and takes no new requests");
				assertThatExceptionOfType(TcpClientException.class).isThrownBy(() -> client.send("draining"))
					.withMessageContaining("is shutting down");
				clients.stop();
				assertThat(client.exchangeAsync("stopped", (reply) -> true)).failsWithin(Duration.ZERO)
					.withThrowableThat()
					.havingCause()
					.withMessageContaining("is not running");
				assertThat(server.received).containsExactly("before");
			});
		}
	}

	@Test
	void asyncRequestsBeyondTheQueueShouldBeRefusedAtOnce() throws IOException {
		CountDownLatch release = new CountDownLatch(1);
		try (TestLineServer server = new TestLineServer(TestLineServer.answerWhenReleased(release))) {
			this.contextRunner.withPropertyValues("ipc.tcp.clients.pricing.port=" + server.port(),
					"ipc.tcp.clients.pricing.reply-timeout=30s").run((context) -> {
						TcpClient client = context.getBean(TcpClients.class).client("pricing");
						CompletableFuture<String> running = client.requestAsync("running");
						await().atMost(Duration.ofSeconds(10)).until(() -> server.received.contains("running"));
						// one thread per pooled connection: the others queue, up to 10,000
						List<CompletableFuture<String>> queued = new ArrayList<>();
						for (int i = 0; i < 10_000; i++) {
							queued.add(client.requestAsync("queued"));
						}
						assertThat(queued).noneMatch(CompletableFuture::isDone);
						assertThat(client.requestAsync("one too many")).failsWithin(Duration.ZERO)
							.withThrowableThat()
							.havingCause()
							.isInstanceOf(TcpClientException.class)
							.withMessageContaining("has 10000 requests waiting already");
						context.getBean(TcpClients.class).stop();
						release.countDown();
						assertThat(running).failsWithin(Duration.ofSeconds(10));
						assertThat(queued).allSatisfy((request) -> assertThat(request).isCompletedExceptionally());
					});
		}
	}

	@Test
	void missingHostOrPortShouldFailStartUp() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
			.withPropertyValues("ipc.tcp.clients.pricing.host=127.0.0.1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("ipc.tcp.clients.pricing.host and ipc.tcp.clients.pricing.port are required"));
	}

}
