package io.github.ipcboot.tcp.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.TestThreads;
import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.shutdown.autoconfigure.ShutdownAutoConfiguration;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpListenerErrorHandler;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.TcpServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static io.github.ipcboot.tcp.autoconfigure.TcpAutoConfigurationTests.withClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the meters of a TCP server ({@link TcpMetricsAutoConfiguration}): real traffic over
 * loopback, then exact counts in a {@link SimpleMeterRegistry}.
 */
class TcpServerMetricsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Tags SERVER = Tags.of("name", "echo", "side", "server");

	final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class, TcpMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withUserConfiguration(Listener.class)
		.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1",
				"ipc.tcp.servers.echo.io-mode=" + ioMode());

	/**
	 * The I/O mode every test of this class runs with.
	 */
	String ioMode() {
		return "net";
	}

	@Test
	void metersShouldExistAtZeroBeforeTheFirstConnection() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("ipc.tcp.connections.active").tags(SERVER).gauge().value()).isZero();
			for (String name : new String[] { "ipc.tcp.connections.opened", "ipc.tcp.data.received",
					"ipc.tcp.data.sent", "ipc.tcp.frames.received", "ipc.tcp.frames.sent" }) {
				assertThat(count(registry, name)).as(name).isZero();
			}
			for (String reason : new String[] { "normal", "idle", "error", "shutdown" }) {
				assertThat(count(registry, "ipc.tcp.connections.closed", "reason", reason)).isZero();
			}
			for (String reason : new String[] { "max_connections", "not_allowed", "shutting_down", "tls" }) {
				assertThat(count(registry, "ipc.tcp.connections.rejected", "reason", reason)).isZero();
			}
			for (String error : new String[] { "too_large", "incomplete", "decode" }) {
				assertThat(count(registry, "ipc.tcp.frame.errors", "error", error)).isZero();
			}
			assertThat(handlerCalls(registry, "success", "none")).isZero();
			assertThat(registry.get("ipc.tcp.handler").timer().getId().getDescription()).isNotBlank();
			assertThat(registry.get("ipc.tcp.handler.active").tag("name", "echo").longTaskTimer().activeTasks())
				.isZero();
			assertThat(registry.find("ipc.tcp.client.requests").meters()).isEmpty();
		});
	}

	@Test
	void framesAndBytesShouldBeCountedAsTheyCrossTheConnection() {
		this.contextRunner.run(withClient((context, client) -> {
			assertThat(client.request("one")).isEqualTo("ACK one");
			assertThat(client.request("two")).isEqualTo("ACK two");
			assertThat(client.request("three")).isEqualTo("ACK three");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(count(registry, "ipc.tcp.frames.received")).isEqualTo(3);
			assertThat(count(registry, "ipc.tcp.frames.sent")).isEqualTo(3);
			assertThat(count(registry, "ipc.tcp.data.received")).isEqualTo(bytes("one\r\ntwo\r\nthree\r\n"));
			assertThat(count(registry, "ipc.tcp.data.sent")).isEqualTo(bytes("ACK one\r\nACK two\r\nACK three\r\n"));
			assertThat(registry.get("ipc.tcp.data.received").counter().getId().getBaseUnit()).isEqualTo("bytes");
			assertThat(handlerCalls(registry, "success", "none")).isEqualTo(3);
		}));
	}

	@Test
	void activeConnectionsShouldGoUpAndBackDown() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			int port = context.getBean(TcpServers.class).port("echo");
			try (LineClient first = new LineClient(port); LineClient second = new LineClient(port)) {
				assertThat(first.request("a")).isEqualTo("ACK a");
				assertThat(second.request("b")).isEqualTo("ACK b");
				assertThat(registry.get("ipc.tcp.connections.active").tags(SERVER).gauge().value()).isEqualTo(2);
			}
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(registry.get("ipc.tcp.connections.active").tags(SERVER).gauge().value())
					.isZero());
			assertThat(count(registry, "ipc.tcp.connections.opened")).isEqualTo(2);
			assertThat(count(registry, "ipc.tcp.connections.closed", "reason", "normal")).isEqualTo(2);
		});
	}

	@Test
	void connectionOverTheLimitShouldBeCountedAsRejected() {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.max-connections=1")
			.run(withClient((context, first) -> {
				assertThat(first.request("one")).isEqualTo("ACK one");
				try (LineClient second = new LineClient(context.getBean(TcpServers.class).port("echo"))) {
					assertThat(second.isClosedByServer()).isTrue();
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(count(registry, "ipc.tcp.connections.rejected", "reason", "max_connections")).isEqualTo(1);
				assertThat(count(registry, "ipc.tcp.connections.rejected", "reason", "not_allowed")).isZero();
				assertThat(count(registry, "ipc.tcp.connections.opened")).isEqualTo(1);
			}));
	}

	@Test
	void connectionFromOutsideTheAllowedRangesShouldBeCountedAsNotAllowed() {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.allowed-clients=10.0.0.0/8")
			.run(withClient((context, client) -> {
				assertThat(client.isClosedByServer()).isTrue();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(count(registry, "ipc.tcp.connections.rejected", "reason", "not_allowed")).isEqualTo(1);
				assertThat(count(registry, "ipc.tcp.connections.opened")).isZero();
			}));
	}

	@Test
	void oversizedFrameShouldBeCountedAsTooLargeAndItsCloseAsAnError() {
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.echo.max-frame-size=16B",
					"ipc.tcp.servers.echo.on-frame-too-large=reply-and-close")
			.run(withClient((context, client) -> {
				assertThat(client.request("x".repeat(100))).isEqualTo("ERR FRAME_TOO_LARGE 16");
				assertThat(client.isClosedByServer()).isTrue();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(count(registry, "ipc.tcp.connections.closed", "reason", "error"))
						.isEqualTo(1));
				assertThat(count(registry, "ipc.tcp.frame.errors", "error", "too_large")).isEqualTo(1);
				assertThat(count(registry, "ipc.tcp.frames.received")).isZero();
				assertThat(count(registry, "ipc.tcp.frames.sent")).isEqualTo(1);
			}));
	}

	@Test
	void bytesBeforeTheStartOfAFrameShouldBeCountedAsADecodeError() {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.framing=stx-etx")
			.run(withClient((context, client) -> {
				client.write("garbage\u0002frame\u0003");
				assertThat(client.isClosedByServer()).isTrue();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(count(registry, "ipc.tcp.frame.errors", "error", "decode"))
						.isEqualTo(1));
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(count(registry, "ipc.tcp.connections.closed", "reason", "error"))
						.isEqualTo(1));
			}));
	}

	@Test
	void streamEndingInsideAFrameShouldBeCountedAsIncomplete() {
		this.contextRunner.run(withClient((context, client) -> {
			client.write("half a li");
			client.shutdownOutput();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(count(registry, "ipc.tcp.frame.errors", "error", "incomplete"))
					.isEqualTo(1));
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(count(registry, "ipc.tcp.connections.closed", "reason",
						closeReasonOfAStreamEndingInsideAFrame()))
					.isEqualTo(1));
			assertThat(count(registry, "ipc.tcp.data.received")).isEqualTo(bytes("half a li"));
		}));
	}

	/**
	 * How the close of a connection whose stream ends inside a frame counts.
	 */
	String closeReasonOfAStreamEndingInsideAFrame() {
		return "error";
	}

	@Test
	void silentConnectionShouldBeClosedAsIdle() {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.idle-timeout=200ms")
			.run(withClient((context, client) -> {
				assertThat(client.request("hi")).isEqualTo("ACK hi");
				assertThat(client.isClosedByServer()).isTrue();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(count(registry, "ipc.tcp.connections.closed", "reason", "idle"))
						.isEqualTo(1));
				assertThat(count(registry, "ipc.tcp.connections.closed", "reason", "normal")).isZero();
			}));
	}

	@Test
	void handlerObservationShouldRecordEachCallWithItsOutcomeAndException() {
		this.contextRunner.run(withClient((context, client) -> {
			assertThat(client.request("fine")).isEqualTo("ACK fine");
			client.send("boom");
			assertThat(client.isClosedByServer()).isTrue();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(handlerCalls(registry, "success", "none")).isEqualTo(1);
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(handlerCalls(registry, "error", "IllegalStateException")).isEqualTo(1));
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(count(registry, "ipc.tcp.connections.closed", "reason", "error"))
					.isEqualTo(1));
			assertThat(registry.get("ipc.tcp.handler").tag("outcome", "error").timer().getId().getTagsAsIterable())
				.extracting("key")
				.containsExactlyInAnyOrder("name", "outcome", "exception", "error");
		}));
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void handlerObservationTurnedOffShouldLeaveTheCountersAndTheRepliesAsTheyAre(boolean observed) {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationPredicate((name, context) -> observed || !name.equals("ipc.tcp.handler"))
			.observationHandler(new DefaultMeterObservationHandler(meters));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class, TcpMetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, () -> meters)
			.withBean(ObservationRegistry.class, () -> observations)
			.withUserConfiguration(Listener.class)
			.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1",
					"ipc.tcp.servers.echo.io-mode=" + ioMode())
			.run(withClient((context, client) -> {
				assertThat(client.request("one")).isEqualTo("ACK one");
				assertThat(client.request("two")).isEqualTo("ACK two");
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(count(meters, "ipc.tcp.frames.sent")).isEqualTo(2));
				assertThat(count(meters, "ipc.tcp.frames.received")).isEqualTo(2);
				if (observed) {
					await().atMost(TIMEOUT).untilAsserted(() -> assertThat(handlerCalls(meters, "success", "none")).isEqualTo(2));
				}
				else {
					assertThat(meters.find("ipc.tcp.handler").timers()).allSatisfy((timer) -> assertThat(timer.count()).isZero());
				}
			}));
	}

	@Test
	void errorHandlerThatThrowsShouldCountAsAListenerFailureAndItsCloseAsAnError() {
		TcpListenerErrorHandler throwing = (error, frame, session) -> {
			throw new IllegalArgumentException("handler failed too");
		};
		this.contextRunner.withBean(TcpListenerErrorHandler.class, () -> throwing).run(withClient((context, client) -> {
			client.send("boom");
			assertThat(client.isClosedByServer()).isTrue();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(count(registry, "ipc.tcp.connections.closed", "reason", "error"))
					.isEqualTo(1));
			assertThat(count(registry, "ipc.tcp.connections.closed", "reason", "normal")).isZero();
			await().atMost(TIMEOUT)
				.untilAsserted(
						() -> assertThat(handlerCalls(registry, "error", "IllegalArgumentException")).isEqualTo(1));
		}));
	}

	@Test
	void listenerFailureAnsweredWithAReplyShouldNotMakeTheLaterCloseAnError() {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.on-listener-error=reply").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			try (LineClient client = new LineClient(context.getBean(TcpServers.class).port("echo"))) {
				assertThat(client.request("boom")).isEqualTo("ERR IllegalStateException");
				assertThat(client.request("fine")).isEqualTo("ACK fine");
			}
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(count(registry, "ipc.tcp.connections.closed", "reason", "normal"))
					.isEqualTo(1));
			assertThat(count(registry, "ipc.tcp.connections.closed", "reason", "error")).isZero();
			assertThat(handlerCalls(registry, "error", "IllegalStateException")).isEqualTo(1);
		});
	}

	@Test
	void runningHandlerShouldShowInTheLongTaskTimer() {
		this.contextRunner.run(withClient((context, client) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			client.send("wait");
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(registry.get("ipc.tcp.handler.active").longTaskTimer().activeTasks())
					.isEqualTo(1));
			context.getBean(Listener.class).release.countDown();
			assertThat(client.readLine()).isEqualTo("ACK wait");
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(registry.get("ipc.tcp.handler.active").longTaskTimer().activeTasks())
					.isZero());
		}));
	}

	@Test
	void connectionsOpenWhenTheContextClosesShouldCloseAsShutdown() {
		this.contextRunner.run(withClient((context, client) -> {
			assertThat(client.request("hi")).isEqualTo("ACK hi");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			context.close();
			assertThat(client.isClosedByServer()).isTrue();
			assertThat(count(registry, "ipc.tcp.connections.closed", "reason", "shutdown")).isEqualTo(1);
			assertThat(count(registry, "ipc.tcp.connections.closed", "reason", "normal")).isZero();
		}));
	}

	@Test
	void connectionsClosedByTheGracefulShutdownShouldCountAsShutdown() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class, ShutdownAutoConfiguration.class))
			.withPropertyValues("ipc.shutdown.handle-signals=false")
			.run(withClient((context, busy) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				TcpServer server = context.getBean(TcpServers.class).get("echo");
				try (LineClient idle = new LineClient(server.getPort())) {
					assertThat(idle.request("hi")).isEqualTo("ACK hi");
					busy.send("wait");
					await().atMost(TIMEOUT)
						.until(() -> registry.get("ipc.tcp.handler.active").longTaskTimer().activeTasks() == 1);
					CompletableFuture<Void> closed = TestThreads.runAsync(context::close);
					await().atMost(TIMEOUT).until(server::isDraining);
					assertThat(idle.isClosedByServer()).isTrue();
					context.getBean(Listener.class).release.countDown();
					assertThat(busy.readLine()).isEqualTo("ACK wait");
					closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				}
				assertThat(count(registry, "ipc.tcp.connections.closed", "reason", "shutdown")).isEqualTo(2);
				assertThat(count(registry, "ipc.tcp.connections.closed", "reason", "normal")).isZero();
			}));
	}

	@Test
	void metricsSwitchedOffShouldRegisterNoMeter() {
		this.contextRunner.withPropertyValues("ipc.metrics.enabled=false").run(withClient((context, client) -> {
			assertThat(client.request("hi")).isEqualTo("ACK hi");
			assertThat(context.getBean(MeterRegistry.class).find("ipc.tcp.frames.received").meters()).isEmpty();
			assertThat(context.getBean(MeterRegistry.class).getMeters()).isEmpty();
		}));
	}

	static double count(MeterRegistry registry, String name, String... tags) {
		return registry.get(name).tags(SERVER).tags(tags).counter().count();
	}

	static long handlerCalls(MeterRegistry registry, String outcome, String exception) {
		return registry.get("ipc.tcp.handler")
			.tags("name", "echo", "outcome", outcome, "exception", exception)
			.timer()
			.count();
	}

	private static double bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	@Configuration(proxyBeanMethods = false)
	static class Listener {

		final CountDownLatch release = new CountDownLatch(1);

		@TcpListener("echo")
		String onLine(String line) throws InterruptedException {
			if (line.equals("boom")) {
				throw new IllegalStateException("boom");
			}
			if (line.equals("wait") && !this.release.await(10, TimeUnit.SECONDS)) {
				return "not released";
			}
			return "ACK " + line;
		}

	}

}
