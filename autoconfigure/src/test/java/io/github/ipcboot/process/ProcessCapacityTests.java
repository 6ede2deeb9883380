package io.github.ipcboot.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.TestThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the capacity limits, the wait queue and the registry of {@link DefaultProcessService}.
 */
@Timeout(30)
class ProcessCapacityTests {

	private final List<ProcessRejectedException> rejections = new CopyOnWriteArrayList<>();

	private final List<ProcessResult> finished = new CopyOnWriteArrayList<>();

	private final DefaultProcessService service = TestLaunchers.builder()
		.maxConcurrent(2)
		.queue(1, Duration.ofMillis(300))
		.terminationGrace(Duration.ofMillis(500))
		.command(CommandDefinition.of("sleeper", "sleep").withAllowedArgs("[0-9]+").withMaxConcurrent(1))
		.listener(new ProcessListener() {
			@Override
			public void processRejected(ProcessRejectedException exception) {
				ProcessCapacityTests.this.rejections.add(exception);
			}

			@Override
			public void processFinished(ProcessResult result) {
				ProcessCapacityTests.this.finished.add(result);
			}
		})
		.build();

	@AfterEach
	void close() {
		this.service.close();
	}

	@Test
	void startWhenAtCapacityAndQueueWaitElapsesShouldReject() {
		RunningProcess first = this.service.start(ProcessSpec.of("sleep", "1000"));
		RunningProcess second = this.service.start(ProcessSpec.of("sleep", "1000"));
		assertThatExceptionOfType(ProcessRejectedException.class)
			.isThrownBy(() -> this.service.start(ProcessSpec.of("/bin/true")))
			.withMessage("Command 'adhoc' rejected: max-concurrent of 2 reached and no slot freed "
					+ "within the queue wait of 300 ms");
		assertThat(this.rejections).hasSize(1);
		assertThat(this.service.getRejected()).isEqualTo(1);
		first.cancel();
		second.cancel();
	}

	@Test
	void startWhenQueueIsFullShouldRejectAtOnce() throws Exception {
		RunningProcess first = this.service.start(ProcessSpec.of("sleep", "1000"));
		RunningProcess second = this.service.start(ProcessSpec.of("sleep", "1000"));
		Thread waiter = new Thread(() -> {
			try {
				this.service.run(ProcessSpec.of("/bin/true"));
			}
			catch (ProcessRejectedException ex) {
				// expected once its wait elapses
			}
		});
		waiter.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.service.getQueued() == 1);
		assertThatExceptionOfType(ProcessRejectedException.class)
			.isThrownBy(() -> this.service.start(ProcessSpec.of("/bin/true")))
			.withMessageContaining("the wait queue of 1 is full");
		waiter.join(5000);
		first.cancel();
		second.cancel();
		assertThat(this.rejections).hasSize(2);
	}

	@Test
	void queuedRunShouldStartWhenSlotFrees() throws Exception {
		// a queue wait far longer than the test, so the run can only start because a slot freed
		try (DefaultProcessService patient = TestLaunchers.builder()
			.maxConcurrent(2)
			.queue(1, Duration.ofSeconds(60))
			.terminationGrace(Duration.ofMillis(500))
			.build()) {
			RunningProcess first = patient.start(ProcessSpec.of("sleep", "1000"));
			RunningProcess second = patient.start(ProcessSpec.of("sleep", "1000"));
			CompletableFuture<ProcessResult> queued = TestThreads
				.supplyAsync(() -> patient.run(ProcessSpec.of("/bin/echo", "queued")));
			await().atMost(Duration.ofSeconds(10)).until(() -> patient.getQueued() == 1);
			assertThat(queued).isNotDone();
			second.cancel();
			ProcessResult result = queued.get(10, TimeUnit.SECONDS);
			assertThat(result.stdoutText()).isEqualTo("queued\n");
			assertThat(patient.getQueued()).isZero();
			assertThat(patient.getRejected()).isZero();
			assertThat(first.isRunning()).isTrue();
			first.cancel();
		}
	}

	@Test
	void namedCommandShouldHaveItsOwnLimit() {
		RunningProcess sleeper = this.service.start("sleeper", "1000");
		assertThatExceptionOfType(ProcessRejectedException.class)
			.isThrownBy(() -> this.service.start("sleeper", "1000"))
			.withMessageContaining("max-concurrent of command 'sleeper' of 1 reached");
		assertThat(this.rejections).extracting(ProcessRejectedException::getCommandName).containsExactly("sleeper");
		ProcessResult other = this.service.run(ProcessSpec.of("/bin/echo", "still room"));
		assertThat(other.isSuccess()).isTrue();
		sleeper.cancel();
	}

	@Test
	void registryShouldTrackProcessesUntilTheyFinish() {
		RunningProcess named = this.service.start("sleeper", "1000");
		RunningProcess adhoc = this.service.start(ProcessSpec.of("sleep", "1000"));
		assertThat(this.service.getRegistry().list()).extracting(ProcessInfo::pid)
			.containsExactlyInAnyOrder(named.pid(), adhoc.pid());
		ProcessInfo info = this.service.getRegistry().find(named.pid()).orElseThrow().info();
		assertThat(info.name()).isEqualTo("sleeper");
		assertThat(info.command().argv()).containsExactly("sleep", "1000");
		assertThat(info.state()).isEqualTo(ProcessState.RUNNING);
		assertThat(info.startTime()).isNotNull();
		assertThat(this.service.getRegistry().count("sleeper")).isEqualTo(1);
		assertThat(this.service.getRegistry().count("adhoc")).isEqualTo(1);
		named.cancel();
		assertThatExceptionOfType(ProcessCancelledException.class).isThrownBy(named::await);
		assertThat(this.service.getRegistry().list()).extracting(ProcessInfo::pid).containsExactly(adhoc.pid());
		adhoc.cancel();
		adhoc.onExit().exceptionally((ex) -> null).join();
		assertThat(this.service.getRegistry().size()).isZero();
		assertThat(this.finished).extracting(ProcessResult::outcome).containsOnly(ProcessOutcome.CANCELLED);
	}

	@Test
	void registryShouldCountWaitingCallersPerCommand() throws Exception {
		RunningProcess sleeper = this.service.start("sleeper", "1000");
		Thread waiter = new Thread(() -> this.service.run("sleeper", "0"));
		waiter.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.service.getRegistry().queued("sleeper") == 1);
		assertThat(this.service.getRegistry().queued("adhoc")).isZero();
		assertThat(this.service.getRegistry().queued()).isEqualTo(1);
		// it waits for the command's own limit, not in the service's queue
		assertThat(this.service.getQueued()).isZero();
		sleeper.cancel();
		waiter.join(Duration.ofSeconds(10).toMillis());
		assertThat(waiter.isAlive()).isFalse();
		assertThat(this.service.getRegistry().queued()).isZero();
	}

	@Test
	void serviceShouldReportItsLimits() {
		assertThat(this.service.getMaxConcurrent()).isEqualTo(2);
		assertThat(this.service.getQueueCapacity()).isEqualTo(1);
		assertThat(this.service.isClosed()).isFalse();
		this.service.close();
		assertThat(this.service.isClosed()).isTrue();
	}

	@Test
	void namedCommandShouldRunWithAllowedArguments() {
		ProcessResult result = this.service.run("sleeper", "0");
		assertThat(result.name()).isEqualTo("sleeper");
		assertThat(result.displayName()).isEqualTo("sleeper");
		assertThat(result.command().argv()).containsExactly("sleep", "0");
	}

	@Test
	void namedCommandShouldRejectArgumentsBeforeStarting() {
		assertThatExceptionOfType(ArgumentRejectedException.class)
			.isThrownBy(() -> this.service.run("sleeper", "1", "1; reboot"))
			.withMessage("Argument 1 of command 'sleeper' rejected: does not match allowed-args '[0-9]+'")
			.satisfies((ex) -> assertThat(ex.getIndex()).isEqualTo(1));
		assertThat(this.finished).isEmpty();
	}

	@Test
	void unknownCommandShouldBeRejectedBeforeStarting() {
		assertThatExceptionOfType(UnknownCommandException.class).isThrownBy(() -> this.service.run("slepper"))
			.withMessage("No command named 'slepper' is configured; configured commands: [sleeper]");
		assertThat(this.finished).isEmpty();
	}

}
