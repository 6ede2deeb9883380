package io.github.ipcboot.shutdown;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.TestThreads;
import io.github.ipcboot.process.ProcessService;
import io.github.ipcboot.process.autoconfigure.ProcessAutoConfiguration;
import io.github.ipcboot.shutdown.ShutdownTestApplication.WorkListener;
import io.github.ipcboot.shutdown.autoconfigure.ShutdownAutoConfiguration;
import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpClientException;
import io.github.ipcboot.tcp.TcpClients;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.TestLineServer;
import io.github.ipcboot.tcp.autoconfigure.TcpAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The graceful shutdown on {@code context.close()}, in-process, over real loopback sockets.
 */
@ExtendWith(OutputCaptureExtension.class)
class GracefulShutdownCoordinatorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
				TcpAutoConfiguration.class, ProcessAutoConfiguration.class, ShutdownAutoConfiguration.class))
		.withUserConfiguration(WorkConfiguration.class)
		.withPropertyValues("ipc.shutdown.handle-signals=false", "ipc.tcp.servers.work.port=0",
				"ipc.tcp.servers.work.address=127.0.0.1", "ipc.tcp.servers.work.io-mode=" + ioMode());

	/**
	 * The I/O mode of the server in every test of this class.
	 */
	String ioMode() {
		return "net";
	}

	@Test
	void closingTheContextShouldFinishBusyConnectionsCloseIdleOnesAndRefuseNewOnes() {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.work.on-shutdown=reply").run((context) -> {
			int port = context.getBean(TcpServers.class).port("work");
			WorkListener listener = context.getBean(WorkListener.class);
			GracefulShutdownCoordinator coordinator = context.getBean(GracefulShutdownCoordinator.class);
			TcpServer server = context.getBean(TcpServers.class).get("work");
			try (LineClient busy = new LineClient(port); LineClient idle = new LineClient(port)) {
				assertThat(idle.request("WORK 0 1")).isEqualTo("DONE 0");
				busy.send("WORK 1 1500");
				await().atMost(TIMEOUT).until(() -> listener.started.get() == 2);
				CompletableFuture<Void> closed = TestThreads.runAsync(context::close);
				assertThat(idle.isClosedByServer()).as("idle connection closed at the start").isTrue();
				await().atMost(TIMEOUT).untilAsserted(() -> assertThatExceptionOfType(ConnectException.class)
					.isThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close()));
				// a frame that arrives after the drain began is answered, not handled
				busy.send("WORK 2 1");
				assertThat(busy.readLine()).isEqualTo("DONE 1");
				assertThat(busy.readLine()).isEqualTo("ERR SHUTTING_DOWN");
				assertThat(busy.isClosedByServer()).isTrue();
				closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				ShutdownResult result = coordinator.getResult();
				assertThat(result).isNotNull();
				assertThat(result.drained()).isTrue();
				assertThat(result.signal()).isNull();
				assertThat(listener.handled).hasValue(2);
				assertThat(server.getFramesRefusedWhileDraining()).isOne();
			}
		});
	}

	@Test
	void workBegunByTheListenerShouldKeepItsConnectionOpenAndBeAnsweredFirst() {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.work.on-shutdown=reply").run((context) -> {
			int port = context.getBean(TcpServers.class).port("work");
			WorkListener listener = context.getBean(WorkListener.class);
			TcpServer server = context.getBean(TcpServers.class).get("work");
			GracefulShutdownCoordinator coordinator = context.getBean(GracefulShutdownCoordinator.class);
			try (LineClient client = new LineClient(port)) {
				// the listener returns at once; another thread answers after 1.5 s
				client.send("LATER 1 1500");
				await().atMost(TIMEOUT).until(() -> listener.started.get() == 1);
				CompletableFuture<Void> closed = TestThreads.runAsync(context::close);
				await().atMost(TIMEOUT).until(server::isDraining);
				// not idle while the work goes on; the answer to a later frame follows its reply
				client.send("WORK 2 1");
				assertThat(client.readLine()).isEqualTo("DONE 1");
				assertThat(client.readLine()).isEqualTo("ERR SHUTTING_DOWN");
				assertThat(client.isClosedByServer()).isTrue();
				closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				assertThat(coordinator.getResult()).isNotNull().extracting(ShutdownResult::drained).isEqualTo(true);
			}
		});
	}

	@Test
	void framesArrivingDuringTheDrainShouldBeIgnoredByDefault() {
		this.contextRunner.run((context) -> {
			int port = context.getBean(TcpServers.class).port("work");
			WorkListener listener = context.getBean(WorkListener.class);
			TcpServer server = context.getBean(TcpServers.class).get("work");
			try (LineClient busy = new LineClient(port)) {
				busy.send("WORK 1 1000");
				await().atMost(TIMEOUT).until(() -> listener.started.get() == 1);
				CompletableFuture<Void> closed = TestThreads.runAsync(context::close);
				await().atMost(TIMEOUT).until(server::isDraining);
				busy.send("WORK 2 1");
				assertThat(busy.readLine()).isEqualTo("DONE 1");
				assertThat(busy.isClosedByServer()).isTrue();
				closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				assertThat(listener.handled).hasValue(1);
			}
		});
	}

	@Test
	void readinessShouldRefuseTrafficDuringTheDrainDelay() {
		// a delay far longer than the test, ended by the test once it has checked what happens within it
		this.contextRunner.withPropertyValues("ipc.shutdown.drain-delay=10m").run((context) -> {
			ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
			GracefulShutdownCoordinator coordinator = context.getBean(GracefulShutdownCoordinator.class);
			TcpServer server = context.getBean(TcpServers.class).get("work");
			int port = context.getBean(TcpServers.class).port("work");
			AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
			assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
			CompletableFuture<Void> closed = TestThreads.runAsync(context::close);
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC));
			assertThat(coordinator.isDraining()).isTrue();
			// still in the drain delay: the server accepts and serves
			try (LineClient client = new LineClient(port)) {
				assertThat(client.request("WORK 1 1")).isEqualTo("DONE 1");
			}
			assertThat(server.isDraining()).isFalse();
			assertThat(closed).isNotDone();
			coordinator.endDrainDelay();
			closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			assertThat(coordinator.getResult()).isNotNull().extracting(ShutdownResult::drained).isEqualTo(true);
		});
	}

	@Test
	void listenerInterruptedByTheForcedEndShouldNotBeLoggedAsAFailure(CapturedOutput output) {
		this.contextRunner.withPropertyValues("ipc.shutdown.timeout=1s").run((context) -> {
			int port = context.getBean(TcpServers.class).port("work");
			WorkListener listener = context.getBean(WorkListener.class);
			GracefulShutdownCoordinator coordinator = context.getBean(GracefulShutdownCoordinator.class);
			try (LineClient busy = new LineClient(port)) {
				busy.send("WORK 1 60000");
				await().atMost(TIMEOUT).until(() -> listener.started.get() == 1);
				context.close();
				assertThat(coordinator.getResult()).isNotNull().extracting(ShutdownResult::drained).isEqualTo(false);
				assertThat(busy.isClosedByServer()).isTrue();
			}
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(output.getOut())
				.contains("on connection ").contains("of server 'work' was interrupted by the server's stop"));
			assertThat(output.getOut()).doesNotContain("failed on connection");
		});
	}

	@Test
	void throwingShutdownListenerShouldBeLoggedAndTheDrainGoOn(CapturedOutput output) {
		RecordingShutdownListener recording = new RecordingShutdownListener();
		this.contextRunner.withPropertyValues("ipc.tcp.servers.work.on-shutdown=reply")
			.withBean("failingListener", ShutdownListener.class, FailingShutdownListener::new)
			.withBean("recordingListener", ShutdownListener.class, () -> recording)
			.run((context) -> {
				int port = context.getBean(TcpServers.class).port("work");
				WorkListener listener = context.getBean(WorkListener.class);
				try (LineClient busy = new LineClient(port)) {
					busy.send("WORK 1 hold");
					await().atMost(TIMEOUT).until(() -> listener.started.get() == 1);
					CompletableFuture<Void> closed = TestThreads.runAsync(context::close);
					await().atMost(TIMEOUT).until(() -> context.getBean(TcpServers.class).get("work").isDraining());
					listener.release();
					assertThat(busy.readLine()).isEqualTo("DONE 1");
					assertThat(busy.isClosedByServer()).isTrue();
					closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				}
				assertThat(listener.handled).hasValue(1);
			});
		assertThat(recording.events).containsExactly("started", "finished drained=true");
		assertThat(output.toString().split("A ShutdownListener failed", -1)).hasSize(3);
		assertThat(output).contains("listener failed on start").contains("listener failed on finish");
	}

	@Test
	void clientsShouldTakeNoNewRequestsOnceTheServersHaveDrained() {
		this.contextRunner.withPropertyValues("ipc.tcp.clients.self.host=127.0.0.1", "ipc.tcp.clients.self.port=1")
			.run((context) -> {
				TcpClients clients = context.getBean(TcpClients.class);
				context.close();
				assertThatExceptionOfType(TcpClientException.class)
					.isThrownBy(() -> clients.client("self").request("WORK 1 1"))
					.withMessageContaining("shutting down");
			});
	}

	@Test
	void clientRequestsInFlightShouldGetTheirRepliesDuringTheDrain() throws Exception {
		CountDownLatch replyAllowed = new CountDownLatch(1);
		try (TestLineServer peer = new TestLineServer((line) -> {
			try {
				return replyAllowed.await(10, TimeUnit.SECONDS) ? "REPLY " + line : "too late";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return "interrupted";
			}
		})) {
			this.contextRunner
				.withPropertyValues("ipc.tcp.clients.peer.host=127.0.0.1", "ipc.tcp.clients.peer.port=" + peer.port())
				.run((context) -> {
					GracefulShutdownCoordinator coordinator = context.getBean(GracefulShutdownCoordinator.class);
					TcpClients clients = context.getBean(TcpClients.class);
					CompletableFuture<String> pending = clients.client("peer").requestAsync("one");
					await().atMost(TIMEOUT).until(() -> peer.received.contains("one"));
					CompletableFuture<Void> closed = TestThreads.runAsync(context::close);
					await().atMost(TIMEOUT).untilAsserted(() -> assertThatExceptionOfType(TcpClientException.class)
						.isThrownBy(() -> clients.client("peer").request("two"))
						.withMessageContaining("shutting down"));
					replyAllowed.countDown();
					assertThat(pending.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("REPLY one");
					closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
					assertThat(coordinator.getResult()).isNotNull().extracting(ShutdownResult::drained).isEqualTo(true);
				});
		}
	}

	@Test
	void lifecycleStartedAgainAfterADrainShouldServeAndBeReadyAgain() {
		this.contextRunner.run((context) -> {
			ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
			GracefulShutdownCoordinator coordinator = context.getBean(GracefulShutdownCoordinator.class);
			TcpServers servers = context.getBean(TcpServers.class);
			// what a stop and a restart of the context do with these two
			coordinator.stop();
			servers.stop();
			assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
			servers.start();
			coordinator.start();
			assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
			assertThat(servers.get("work").isDraining()).isFalse();
			try (LineClient client = new LineClient(servers.port("work"))) {
				assertThat(client.request("WORK 1 1")).isEqualTo("DONE 1");
			}
		});
	}

	@Test
	void disabledShutdownShouldCreateNoCoordinator() {
		this.contextRunner.withPropertyValues("ipc.shutdown.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(GracefulShutdownCoordinator.class));
	}

	@Test
	void signalInBothListsShouldFailStartUp() {
		this.contextRunner.withPropertyValues("ipc.shutdown.event-signals=TERM")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Signal TERM is both in ipc.shutdown.signals and ipc.shutdown.event-signals"));
	}

	static class FailingShutdownListener implements ShutdownListener {

		@Override
		public void shutdownStarted() {
			throw new IllegalStateException("listener failed on start");
		}

		@Override
		public void shutdownFinished(ShutdownResult result) {
			throw new IllegalStateException("listener failed on finish");
		}

	}

	static class RecordingShutdownListener implements ShutdownListener {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void shutdownStarted() {
			this.events.add("started");
		}

		@Override
		public void shutdownFinished(ShutdownResult result) {
			this.events.add("finished drained=" + result.drained());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WorkConfiguration {

		@Bean
		WorkListener workListener(ProcessService processService) {
			return new WorkListener(processService);
		}

	}

}
