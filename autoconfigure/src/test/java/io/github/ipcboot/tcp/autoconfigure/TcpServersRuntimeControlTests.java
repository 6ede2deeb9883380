package io.github.ipcboot.tcp.autoconfigure;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.ipcboot.TestThreads;
import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.actuate.TcpServersHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Stopping and starting a TCP server while the application runs, through the {@link TcpServers}
 * bean, with health and meters following.
 */
class TcpServersRuntimeControlTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class, TcpHealthContributorAutoConfiguration.class,
				TcpMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withUserConfiguration(SlowAck.class)
		.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1");

	@Test
	void stoppedServerShouldFinishWorkInFlightRefuseConnectionsShowStoppedAndServeAgainOnceStarted() {
		this.contextRunner.run((context) -> {
			TcpServers servers = context.getBean(TcpServers.class);
			SlowAck listener = context.getBean(SlowAck.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			int port = servers.port("echo");
			try (LineClient busy = new LineClient(port)) {
				busy.send("slow");
				assertThat(listener.slowStarted.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
				CompletableFuture<Void> stopping = TestThreads
					.runAsync(() -> servers.stop("echo", Duration.ofSeconds(30)));
				await().atMost(TIMEOUT).untilAsserted(() -> assertThatExceptionOfType(ConnectException.class)
					.isThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close()));
				assertThat(stopping).isNotDone();
				listener.release.countDown();
				assertThat(busy.readLine()).isEqualTo("ACK slow");
				stopping.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
			assertThat(servers.isStoppedByApplication("echo")).isTrue();
			Health stopped = context.getBean(TcpServersHealthIndicator.class).health();
			assertThat(stopped.getStatus()).isEqualTo(Status.UP);
			assertThat(details(stopped)).containsEntry("stopped", true).containsEntry("listening", false);
			assertThat(meters.get("ipc.tcp.connections.active").tag("name", "echo").gauge().value()).isZero();
			servers.start("echo");
			try (LineClient client = new LineClient(servers.port("echo"))) {
				assertThat(client.request("again")).isEqualTo("ACK again");
			}
			assertThat(servers.isStoppedByApplication("echo")).isFalse();
			assertThat(details(context.getBean(TcpServersHealthIndicator.class).health()))
				.containsEntry("stopped", false)
				.containsEntry("listening", true);
			assertThat(meters.get("ipc.tcp.connections.opened").tag("name", "echo").counter().count()).isEqualTo(2);
		});
	}

	@Test
	void serverStoppedByTheApplicationShouldStayStoppedWhenTheServersStartAgain() throws IOException {
		this.contextRunner.run((context) -> {
			TcpServers servers = context.getBean(TcpServers.class);
			servers.stop("echo", Duration.ZERO);
			servers.stop();
			servers.start();
			assertThat(context.getBean(TcpServersHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
			assertThat(servers.get("echo").getConnectionFactory().isRunning()).isFalse();
		});
	}

	@Test
	void stopShouldEndItsWaitAtOnceWhenTheCallingThreadIsInterruptedAndKeepTheFlag() {
		this.contextRunner.run(withSlowRequestInFlight((servers, port) -> {
			AtomicBoolean interruptedAfter = new AtomicBoolean();
			Thread stopper = new Thread(() -> {
				servers.stop("echo", Duration.ofSeconds(120));
				interruptedAfter.set(Thread.currentThread().isInterrupted());
			});
			stopper.start();
			awaitRefused(port);
			stopper.interrupt();
			stopper.join(TIMEOUT.toMillis());
			assertThat(stopper.isAlive()).isFalse();
			assertThat(interruptedAfter).isTrue();
			assertThat(servers.get("echo").getConnectionFactory().isRunning()).isFalse();
		}));
	}

	@Test
	void applicationStopShouldNotWaitForARuntimeStopStillDraining() {
		this.contextRunner.run(withSlowRequestInFlight((servers, port) -> {
			CompletableFuture<Void> stopping = TestThreads.runAsync(() -> servers.stop("echo", Duration.ofSeconds(120)));
			awaitRefused(port);
			TestThreads.runAsync(servers::stop).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			stopping.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			assertThat(servers.isRunning()).isFalse();
		}));
	}

	/**
	 * Run a step while a client's "slow" request is in the listener, released afterwards.
	 */
	private static ContextConsumer<AssertableApplicationContext> withSlowRequestInFlight(SlowRequestStep step) {
		return (context) -> {
			TcpServers servers = context.getBean(TcpServers.class);
			SlowAck listener = context.getBean(SlowAck.class);
			int port = servers.port("echo");
			try (LineClient busy = new LineClient(port)) {
				busy.send("slow");
				assertThat(listener.slowStarted.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
				step.run(servers, port);
			}
			finally {
				listener.release.countDown();
			}
		};
	}

	interface SlowRequestStep {

		void run(TcpServers servers, int port) throws Exception;

	}

	@Test
	void startShouldBeRefusedWhileTheGracefulShutdownDrainsTheServers() {
		this.contextRunner.run((context) -> {
			TcpServers servers = context.getBean(TcpServers.class);
			int port = servers.port("echo");
			servers.beginDrain();
			assertThatIllegalStateException().isThrownBy(() -> servers.start("echo")).withMessageContaining("draining");
			awaitRefused(port);
		});
	}

	@Test
	void unknownServerShouldBeRefusedNamingTheConfiguredOnes() {
		this.contextRunner.run((context) -> {
			TcpServers servers = context.getBean(TcpServers.class);
			assertThatIllegalArgumentException().isThrownBy(() -> servers.start("orders"))
				.withMessageContaining("No TCP server named 'orders'")
				.withMessageContaining("[echo]");
			assertThatIllegalArgumentException().isThrownBy(() -> servers.stop("orders", TIMEOUT))
				.withMessageContaining("No TCP server named 'orders'");
		});
	}

	@Test
	void abortShouldCloseEveryConnectionWorkInFlightOrNotWhileAGoodClientWasServedBefore() {
		this.contextRunner.run((context) -> {
			TcpServers servers = context.getBean(TcpServers.class);
			SlowAck listener = context.getBean(SlowAck.class);
			int port = servers.port("echo");
			try (LineClient idle = new LineClient(port); LineClient busy = new LineClient(port)) {
				assertThat(idle.request("hello")).isEqualTo("ACK hello");
				busy.send("slow");
				assertThat(listener.slowStarted.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
				assertThat(servers.abortConnections()).isEqualTo(2);
				assertThat(idle.isClosedByServer()).isTrue();
				assertThat(busy.isClosedByServer()).isTrue();
			}
			finally {
				listener.release.countDown();
			}
		});
	}

	private static void awaitRefused(int port) {
		await().atMost(TIMEOUT).untilAsserted(() -> assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close()));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> details(Health health) {
		return (Map<String, Object>) health.getDetails().get("echo");
	}

	@Configuration(proxyBeanMethods = false)
	static class SlowAck {

		final CountDownLatch slowStarted = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@TcpListener("echo")
		String onLine(String line) throws InterruptedException {
			if (line.equals("slow")) {
				this.slowStarted.countDown();
				this.release.await(60, TimeUnit.SECONDS);
			}
			return "ACK " + line;
		}

	}

}
