package io.github.ipcboot.tcp.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
import static org.awaitility.Awaitility.await;

/**
 * Frames a server sends unasked (greetings, frames written apart from any reply) against a TCP
 * client, while a second client of a well-behaved server gets every reply: a frame received
 * before a request starts being written never reaches it, data right behind a reply fails it, and
 * a frame written after a request cannot mix up more than that one request before its connection
 * is retired. Both I/O modes, against plain-socket servers on 127.0.0.1.
 */
class TcpClientUnsolicitedFramesTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class, TcpMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("ipc.tcp.clients.hostile.host=127.0.0.1", "ipc.tcp.clients.hostile.reply-timeout=10s",
				"ipc.tcp.clients.good.host=127.0.0.1", "ipc.tcp.clients.good.reply-timeout=10s");

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void greetingShouldNeverBeTakenForAReply(String ioMode) throws Exception {
		try (TestLineServer server = new TestLineServer((line) -> "R " + line);
				TestLineServer good = new TestLineServer((line) -> line)) {
			server.greeting = "HELLO";
			this.contextRunner.withPropertyValues(clients(ioMode, server, good))
				.withPropertyValues("ipc.tcp.clients.hostile.greeting=true")
				.run((context) -> {
					TcpClients clients = context.getBean(TcpClients.class);
					TcpClient client = clients.client("hostile");
					CompletableFuture<Void> wellBehaved = TcpClientTimeoutTests.wellBehaved(clients.client("good"));
					for (int round = 0; round < 10; round++) {
						// every round on a new connection, greeted first
						assertThat(client.request("a" + round)).isEqualTo("R a" + round);
						assertThat(client.request("b" + round)).isEqualTo("R b" + round);
						server.closeConnections();
						await().atMost(WAIT).until(() -> client.getConnectionRegistry().getOpenConnections() == 0);
					}
					wellBehaved.get(WAIT.toSeconds() * 3, TimeUnit.SECONDS);
					assertThat(server.connections).hasValue(10);
					assertThat(closed(registry(context), "hostile", "unexpected_frame")).isZero();
				});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void greetingReadTogetherWithTheReplyShouldFailTheRequestInsteadOfAnsweringIt(String ioMode) throws Exception {
		AtomicInteger greeted = new AtomicInteger();
		// a server that greets lazily: with the first reply of each connection, in the same write
		try (TestLineServer server = new TestLineServer((line) -> line.startsWith("first")
				? greeted.incrementAndGet() + " HELLO\r\nR " + line : "R " + line);
				TestLineServer good = new TestLineServer((line) -> line)) {
			this.contextRunner.withPropertyValues(clients(ioMode, server, good)).run((context) -> {
				TcpClients clients = context.getBean(TcpClients.class);
				TcpClient client = clients.client("hostile");
				CompletableFuture<Void> wellBehaved = TcpClientTimeoutTests.wellBehaved(clients.client("good"));
				for (int round = 0; round < 10; round++) {
					String request = "first " + round;
					assertThatRequestFailsUntrusted(client, request);
					// the connection is gone: the next request is answered on a new one
					assertThat(client.request("next " + round)).isEqualTo("R next " + round);
				}
				wellBehaved.get(WAIT.toSeconds() * 3, TimeUnit.SECONDS);
				assertThat(greeted).hasValue(10);
				await().atMost(WAIT).untilAsserted(
						() -> assertThat(closed(registry(context), "hostile", "unexpected_frame")).isEqualTo(10));
			});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void strayFrameWrittenApartShouldMixUpAtMostTheOneRequestItArrivesDuring(String ioMode) throws Exception {
		// per round, at random: the reply alone; the reply and, 30 ms later, a stray frame (it
		// arrives while no request waits); or a stray frame and, 30 ms later, the reply (the stray
		// arrives while the request waits: no client can tell it from the reply)
		int rounds = 100;
		String[] kinds = new String[rounds];
		for (int round = 0; round < rounds; round++) {
			kinds[round] = new String[] { "plain", "late", "early" }[ThreadLocalRandom.current().nextInt(3)];
		}
		try (TestLineServer server = new TestLineServer((line) -> {
			int round = Integer.parseInt(line);
			return switch (kinds[round]) {
				case "late" -> "R " + line + TestLineServer.PAUSE + "EXTRA " + line;
				case "early" -> "EXTRA " + line + TestLineServer.PAUSE + "R " + line;
				default -> "R " + line;
			};
		}); TestLineServer good = new TestLineServer((line) -> line)) {
			this.contextRunner.withPropertyValues(clients(ioMode, server, good)).run((context) -> {
				TcpClients clients = context.getBean(TcpClients.class);
				TcpClient client = clients.client("hostile");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				CompletableFuture<Void> wellBehaved = TcpClientTimeoutTests.wellBehaved(clients.client("good"));
				int framesSent = 0;
				int strays = 0;
				int mixedUp = 0;
				int earlyFailed = 0;
				int lateFailed = 0;
				for (int round = 0; round < rounds; round++) {
					String request = String.valueOf(round);
					String reply;
					try {
						reply = client.request(request);
					}
					catch (TcpClientException ex) {
						// the stray frame and the reply were read together (a loaded machine may read
						// them together despite the pause)
						assertThat(ex).hasMessageContaining("received more data right behind the reply");
						reply = null;
					}
					switch (kinds[round]) {
						// taken for the reply: the stray frame of this very round, never another's reply
						case "early" -> {
							assertThat(reply).isIn("EXTRA " + request, null);
							mixedUp += (reply != null) ? 1 : 0;
							earlyFailed += (reply != null) ? 0 : 1;
						}
						case "late" -> {
							assertThat(reply).isIn("R " + request, null);
							lateFailed += (reply != null) ? 0 : 1;
						}
						default -> assertThat(reply).isEqualTo("R " + request);
					}
					framesSent += kinds[round].equals("plain") ? 1 : 2;
					strays += kinds[round].equals("plain") ? 0 : 1;
					// every frame of the round has been read before the next request begins
					int expected = framesSent;
					await().atMost(WAIT).until(() -> framesReceived(registry, "hostile") == expected);
				}
				wellBehaved.get(WAIT.toSeconds() * 3, TimeUnit.SECONDS);
				long early = Arrays.stream(kinds).filter("early"::equals).count();
				// each early stray frame affected exactly its own request, a late one at most its own
				assertThat(mixedUp + earlyFailed).isEqualTo(early);
				assertThat(lateFailed).isLessThanOrEqualTo(strays - (int) early);
				// each stray frame retired exactly the connection it arrived on
				int retired = strays;
				await().atMost(WAIT)
					.untilAsserted(() -> assertThat(closed(registry, "hostile", "unexpected_frame")).isEqualTo(retired));
				assertThat(server.connections.get())
					.isEqualTo(strays + client.getConnectionRegistry().getOpenConnections());
			});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void pooledConnectionWithDataWaitingShouldBeReplacedBeforeAnythingIsWritten(String ioMode) throws Exception {
		try (TestLineServer server = new TestLineServer((line) -> "R " + line);
				TestLineServer good = new TestLineServer((line) -> line)) {
			this.contextRunner.withPropertyValues(clients(ioMode, server, good)).run((context) -> {
				TcpClients clients = context.getBean(TcpClients.class);
				TcpClient client = clients.client("hostile");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				CompletableFuture<Void> wellBehaved = TcpClientTimeoutTests.wellBehaved(clients.client("good"));
				for (int round = 0; round < 10; round++) {
					assertThat(client.request("before " + round)).isEqualTo("R before " + round);
					// a notice, then the server closes: the next request begins at once, whether or not
					// the client has handled the notice or seen the close; it never fails
					server.push("NOTICE " + round);
					server.closeConnections();
					// three frames a round: the reply before, the notice, the reply after
					int expected = 3 * round + 2;
					await().atMost(WAIT).until(() -> framesReceived(registry, "hostile") == expected);
					assertThat(client.request("after " + round)).isEqualTo("R after " + round);
				}
				wellBehaved.get(WAIT.toSeconds() * 3, TimeUnit.SECONDS);
				assertThat(server.received).hasSize(20);
				assertThat(server.connections).hasValue(11);
			});
		}
	}

	private static void assertThatRequestFailsUntrusted(TcpClient client, String request) {
		try {
			String reply = client.request(request);
			throw new AssertionError("'" + request + "' was answered with '" + reply + "'");
		}
		catch (TcpClientException ex) {
			assertThat(ex).hasMessageContaining("received more data right behind the reply");
		}
	}

	private static String[] clients(String ioMode, TestLineServer hostile, TestLineServer good) {
		return new String[] { "ipc.tcp.clients.hostile.io-mode=" + ioMode, "ipc.tcp.clients.good.io-mode=" + ioMode,
				"ipc.tcp.clients.hostile.port=" + hostile.port(), "ipc.tcp.clients.good.port=" + good.port() };
	}

	private static MeterRegistry registry(AssertableApplicationContext context) {
		return context.getBean(MeterRegistry.class);
	}

}
