package io.github.ipcboot.tcp.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ipcboot.TestThreads;
import io.github.ipcboot.tcp.TcpClient;
import io.github.ipcboot.tcp.TcpClientException;
import io.github.ipcboot.tcp.TcpClients;
import io.github.ipcboot.tcp.TestLineServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.github.ipcboot.tcp.autoconfigure.ClientMeters.closed;
import static io.github.ipcboot.tcp.autoconfigure.ClientMeters.framesReceived;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A TCP client's replies can never be mixed up: frames that answer no request close their
 * connection (counted with {@code reason=unexpected_frame}), multi-frame replies are collected by
 * a completion rule, and idle or closed pooled connections are replaced without failing a
 * request. Both I/O modes, against plain-socket servers on 127.0.0.1.
 */
class TcpClientReplyMatchingTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class, TcpMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("ipc.tcp.clients.pricing.host=127.0.0.1", "ipc.tcp.clients.pricing.reply-timeout=10s");

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void extraFramesShouldNeverBeTakenForTheReplyToAnotherRequest(String ioMode) throws Exception {
		AtomicInteger extras = new AtomicInteger();
		// a server that answers each request and, every so often, sends one more frame with it
		try (TestLineServer server = new TestLineServer((line) -> {
			if (ThreadLocalRandom.current().nextInt(3) == 0) {
				extras.incrementAndGet();
				return "R " + line + "\r\nEXTRA after " + line;
			}
			return "R " + line;
		})) {
			this.contextRunner.withPropertyValues(client(ioMode, server)).withPropertyValues("ipc.tcp.clients.pricing.pool-size=2")
				.run((context) -> {
					TcpClient client = context.getBean(TcpClients.class).client("pricing");
					List<CompletableFuture<Void>> callers = new ArrayList<>();
					AtomicInteger untrusted = new AtomicInteger();
					for (int caller = 0; caller < 3; caller++) {
						int first = caller * 1000;
						callers.add(TestThreads.runAsync(() -> {
							for (int round = first; round < first + 40; round++) {
								// its own reply, or a typed error when the extra frame came with it
								try {
									assertThat(client.request(String.valueOf(round))).isEqualTo("R " + round);
								}
								catch (TcpClientException ex) {
									assertThat(ex).hasMessageContaining("received more data right behind the reply");
									untrusted.incrementAndGet();
								}
							}
						}));
					}
					CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
					assertThat(server.received).hasSize(120);
					assertThat(extras.get()).isPositive();
					assertThat(untrusted.get()).isBetween(0, extras.get());
					// each extra frame retired exactly the connection it arrived on
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					await().atMost(WAIT).untilAsserted(
							() -> assertThat(closed(registry, "pricing", "unexpected_frame")).isEqualTo(extras.get()));
					assertThat(server.connections.get()).isEqualTo(extras.get() + client.getConnectionRegistry()
						.getOpenConnections());
				});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void frameArrivingWhileNoRequestWaitsShouldCloseTheConnection(String ioMode) throws IOException {
		try (TestLineServer server = new TestLineServer((line) -> "R " + line)) {
			this.contextRunner.withPropertyValues(client(ioMode, server)).run((context) -> {
				TcpClient client = context.getBean(TcpClients.class).client("pricing");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				for (int round = 0; round < 3; round++) {
					assertThat(client.request("before " + round)).isEqualTo("R before " + round);
					server.push("NOTICE nobody asked");
					await().atMost(WAIT).untilAsserted(
							() -> assertThat(closed(registry, "pricing", "unexpected_frame")).isEqualTo(server.connections.get()));
					assertThat(client.request("after " + round)).isEqualTo("R after " + round);
				}
				assertThat(server.connections).hasValue(4);
			});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void answersToFireAndForgetFramesShouldNeverReachARequest(String ioMode) throws IOException {
		AtomicInteger errors = new AtomicInteger();
		try (TestLineServer server = new TestLineServer((line) -> {
			if (line.startsWith("FIRE")) {
				errors.incrementAndGet();
				return "ERR unknown command";
			}
			return "R " + line;
		})) {
			this.contextRunner.withPropertyValues(client(ioMode, server)).run((context) -> {
				TcpClient client = context.getBean(TcpClients.class).client("pricing");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				for (int round = 0; round < 100; round++) {
					client.send("FIRE " + round);
					assertThat(client.request(String.valueOf(round))).isEqualTo("R " + round);
					// the answer to the send has been read before the next send begins
					int expected = 2 * (round + 1);
					await().atMost(WAIT).until(() -> framesReceived(registry, "pricing") == expected);
				}
				assertThat(errors).hasValue(100);
				// each answer closed the send connection it arrived on; requests kept their one connection
				await().atMost(WAIT)
					.untilAsserted(() -> assertThat(closed(registry, "pricing", "unexpected_frame")).isEqualTo(100));
				assertThat(server.connections).hasValue(101);
				assertThat(server.received).hasSize(200);
			});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void alternatingSendsAndRequestsShouldReuseTheirConnections(String ioMode) throws IOException {
		try (TestLineServer server = new TestLineServer((line) -> line.startsWith("FIRE") ? null : "R " + line)) {
			this.contextRunner.withPropertyValues(client(ioMode, server)).run((context) -> {
				TcpClient client = context.getBean(TcpClients.class).client("pricing");
				for (int round = 0; round < 20; round++) {
					client.send("FIRE " + round);
					assertThat(client.request(String.valueOf(round))).isEqualTo("R " + round);
				}
				// pool-size 1 for requests, and one connection of their own for sends
				assertThat(server.connections).hasValue(2);
				await().atMost(WAIT).until(() -> server.received.size() == 40);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("ipc.tcp.connections.opened").tags("name", "pricing", "side", "client")
					.counter().count()).isEqualTo(2);
			});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void replyOverMaxReplySizeShouldFailTheRequestAndCloseTheConnection(String ioMode) throws IOException {
		String line = "x".repeat(999);
		try (TestLineServer server = new TestLineServer((request) -> {
			int count = Integer.parseInt(request.substring("RUN ".length()));
			return (line + "\r\n").repeat(count) + "OK";
		})) {
			this.contextRunner.withPropertyValues(client(ioMode, server))
				.withPropertyValues("ipc.tcp.clients.pricing.max-reply-size=10KB")
				.run((context) -> {
					TcpClient client = context.getBean(TcpClients.class).client("pricing");
					// 9 frames of 999 bytes and the OK: 8,993 bytes, within the limit
					assertThat(client.exchange("RUN 9", TcpClientReplyMatchingTests::isFinal)).hasSize(10);
					assertThatExceptionOfType(TcpClientException.class)
						.isThrownBy(() -> client.exchange("RUN 200", TcpClientReplyMatchingTests::isFinal))
						.withMessageContaining("the reply exceeds 10240 bytes (max-reply-size)");
					await().atMost(WAIT).untilAsserted(
							() -> assertThat(closed(registry(context), "pricing", "reply_too_large")).isEqualTo(1));
					// the pool goes on with a new connection
					assertThat(client.exchange("RUN 1", TcpClientReplyMatchingTests::isFinal)).hasSize(2);
					assertThat(server.connections).hasValue(2);
				});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void exchangeShouldCollectEveryFrameOfAReplyInOrder(String ioMode) throws Exception {
		// like the demo gateway's RUN: data lines, then a final OK or ERR line, in several writes
		try (TestLineServer server = new TestLineServer((line) -> {
			int count = Integer.parseInt(line.substring("RUN ".length()));
			StringBuilder reply = new StringBuilder();
			for (int i = 1; i <= count; i++) {
				reply.append("STDOUT ").append(i).append("\r\n");
			}
			return reply.append("OK EXIT 0").toString();
		})) {
			this.contextRunner.withPropertyValues(client(ioMode, server)).run((context) -> {
				TcpClient client = context.getBean(TcpClients.class).client("pricing");
				for (int count : new int[] { 0, 1, 500 }) {
					List<String> reply = client.exchange("RUN " + count, TcpClientReplyMatchingTests::isFinal);
					assertThat(reply).hasSize(count + 1).last().isEqualTo("OK EXIT 0");
					for (int i = 1; i <= count; i++) {
						assertThat(reply.get(i - 1)).isEqualTo("STDOUT " + i);
					}
				}
				assertThat(client.exchangeAsync("RUN 2", TcpClientReplyMatchingTests::isFinal).get(10, TimeUnit.SECONDS))
					.containsExactly("STDOUT 1", "STDOUT 2", "OK EXIT 0");
				assertThat(server.connections).hasValue(1);
			});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void exchangeShouldFailAndCloseWhenTheReplyExceedsItsFrameLimitOrTheRuleThrows(String ioMode) throws IOException {
		try (TestLineServer server = new TestLineServer((line) -> "A\r\nB\r\nC\r\nOK")) {
			this.contextRunner.withPropertyValues(client(ioMode, server)).withPropertyValues("ipc.tcp.clients.pricing.max-reply-frames=3")
				.run((context) -> {
					TcpClient client = context.getBean(TcpClients.class).client("pricing");
					assertThatExceptionOfType(TcpClientException.class)
						.isThrownBy(() -> client.exchange("x", TcpClientReplyMatchingTests::isFinal))
						.withMessageContaining("not complete after 3 frames (max-reply-frames)");
					assertThatExceptionOfType(TcpClientException.class)
						.isThrownBy(() -> client.exchange("y", (frame) -> {
							throw new IllegalStateException("bad rule");
						}))
						.withMessageContaining("completion rule failed on frame 1")
						.withRootCauseInstanceOf(IllegalStateException.class);
					// neither left a connection with the rest of a reply behind; a reply with more data
					// right behind it (here the OK the rule did not wait for) is not trusted either
					assertThatExceptionOfType(TcpClientException.class)
						.isThrownBy(() -> client.exchange("z", (frame) -> frame.equals("C")))
						.withMessageContaining("received more data right behind the reply");
					await().atMost(WAIT).until(() -> client.getConnectionRegistry().getOpenConnections() == 0);
					assertThat(server.connections).hasValue(3);
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					assertThat(closed(registry, "pricing", "reply_too_large")).isEqualTo(1);
					assertThat(closed(registry, "pricing", "error")).isEqualTo(1);
					assertThat(closed(registry, "pricing", "unexpected_frame")).isEqualTo(1);
				});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void idleConnectionsShouldBeEvictedAndReplaced(String ioMode) throws IOException {
		try (TestLineServer server = new TestLineServer((line) -> "R " + line)) {
			this.contextRunner.withPropertyValues(client(ioMode, server)).withPropertyValues("ipc.tcp.clients.pricing.pool-idle-timeout=200ms")
				.run((context) -> {
					TcpClient client = context.getBean(TcpClients.class).client("pricing");
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					assertThat(client.request("one")).isEqualTo("R one");
					await().atMost(WAIT).untilAsserted(() -> assertThat(closed(registry, "pricing", "idle")).isEqualTo(1));
					assertThat(client.getConnectionRegistry().getOpenConnections()).isZero();
					assertThat(registry.get("ipc.tcp.connections.active").tags("name", "pricing", "side", "client")
						.gauge().value()).isZero();
					assertThat(client.request("two")).isEqualTo("R two");
					assertThat(server.connections).hasValue(2);
				});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void connectionsTheServerClosesShouldBeReplacedWithoutAFailedRequest(String ioMode) throws IOException {
		try (TestLineServer server = new TestLineServer((line) -> "R " + line)) {
			this.contextRunner.withPropertyValues(client(ioMode, server)).withPropertyValues("ipc.tcp.clients.pricing.pool-size=3")
				.run((context) -> {
					TcpClient client = context.getBean(TcpClients.class).client("pricing");
					List<CompletableFuture<String>> replies = new ArrayList<>();
					for (int i = 0; i < 3; i++) {
						replies.add(client.requestAsync("warm " + i));
					}
					for (CompletableFuture<String> reply : replies) {
						assertThat(reply.get(10, TimeUnit.SECONDS)).startsWith("R warm");
					}
					int opened = server.connections.get();
					server.closeConnections();
					await().atMost(WAIT).until(() -> client.getConnectionRegistry().getOpenConnections() == 0);
					for (int i = 0; i < 10; i++) {
						assertThat(client.request("again " + i)).isEqualTo("R again " + i);
					}
					assertThat(server.connections).hasValue(opened + 1);
					assertThat(closed(registry(context), "pricing", "normal")).isEqualTo(opened);
				});
		}
	}

	private static boolean isFinal(String line) {
		return line.startsWith("OK") || line.startsWith("ERR");
	}

	private static String[] client(String ioMode, TestLineServer server) {
		return new String[] { "ipc.tcp.clients.pricing.io-mode=" + ioMode, "ipc.tcp.clients.pricing.port=" + server.port() };
	}

	private static MeterRegistry registry(AssertableApplicationContext context) {
		return context.getBean(MeterRegistry.class);
	}

}
