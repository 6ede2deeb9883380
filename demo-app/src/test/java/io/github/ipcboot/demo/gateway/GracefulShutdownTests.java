package io.github.ipcboot.demo.gateway;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.TestThreads;
import io.github.ipcboot.demo.GatewayClient;
import io.github.ipcboot.demo.GatewayTest;
import io.github.ipcboot.demo.GatewayTestSupport;
import io.github.ipcboot.process.DefaultProcessService;
import io.github.ipcboot.process.ProcessInfo;
import io.github.ipcboot.shutdown.GracefulShutdownCoordinator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code RUN} in flight when the graceful shutdown begins: it finishes within
 * {@code ipc.shutdown.timeout} or is terminated at its end, and its client gets the final line
 * before any answer to a later request. The drain runs as on {@code context.close()} (the
 * coordinator's lifecycle stop), leaving the test framework's context to be discarded after each
 * test.
 */
@GatewayTest
@TestPropertySource(properties = "ipc.shutdown.timeout=3s")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class GracefulShutdownTests extends GatewayTestSupport {

	@Autowired
	private GracefulShutdownCoordinator coordinator;

	@Autowired
	private DefaultProcessService processService;

	@Test
	void runInFlightShouldFinishBeforeLaterRequestsAreRefused() throws Exception {
		GatewayClient client = connect();
		client.send("RUN sleep 2");
		awaitSingleProcess("sleep");
		CompletableFuture<Void> drained = TestThreads.runAsync(this.coordinator::stop);
		await().atMost(WAIT).until(() -> this.servers.get(CommandGatewayListener.SERVER).isDraining());
		client.send("PING");
		assertThat(client.readLine()).matches("OK EXIT 0 \\d+");
		assertThat(client.readLine()).isEqualTo("ERR SHUTTING_DOWN");
		assertThat(client.isClosedByServer()).isTrue();
		drained.get(WAIT.toSeconds(), TimeUnit.SECONDS);
	}

	@Test
	void requestQueuedBehindARunWhenTheDrainBeginsShouldBeRefusedAndNeverRun() throws Exception {
		GatewayClient client = connect();
		client.send("RUN sleep 2", "RUN sleep 59", "PING");
		awaitSingleProcess("sleep");
		CompletableFuture<Void> drained = TestThreads.runAsync(this.coordinator::stop);
		await().atMost(WAIT).until(() -> this.servers.get(CommandGatewayListener.SERVER).isDraining());
		assertThat(client.readLine()).matches("OK EXIT 0 \\d+");
		assertThat(client.readLine()).isEqualTo("ERR SHUTTING_DOWN");
		assertThat(client.readLine()).isEqualTo("ERR SHUTTING_DOWN");
		assertThat(client.isClosedByServer()).isTrue();
		drained.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(this.coordinator.getResult()).satisfies((result) -> {
			assertThat(result.drained()).as("no second child had to be terminated").isTrue();
			assertThat(result.exitCode()).isZero();
		});
		assertThat(this.processes.size()).isZero();
	}

	@Test
	void runAfterTheProcessServiceClosedShouldBeShuttingDownNotBusy() throws Exception {
		this.processService.close();
		assertThat(connect().request("RUN date")).containsExactly("ERR SHUTTING_DOWN");
	}

	@Test
	void runLongerThanTheShutdownTimeoutShouldBeTerminatedAndAnswered() throws Exception {
		GatewayClient client = connect();
		client.send("RUN sleep 30");
		ProcessInfo child = awaitSingleProcess("sleep");
		CompletableFuture<Void> drained = TestThreads.runAsync(this.coordinator::stop);
		assertThat(client.readLine()).isEqualTo("ERR SHUTTING_DOWN");
		assertThat(client.isClosedByServer()).isTrue();
		drained.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> ProcessHandle.of(child.pid()).map(ProcessHandle::isAlive).orElse(false), (alive) -> !alive);
	}

}
