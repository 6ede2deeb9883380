package io.github.ipcboot.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests that {@link DefaultProcessService} gives back its slots and registry entries on every
 * path, finishes the trees it kills at {@code close()}, and never runs callers' callbacks on its
 * timer thread.
 */
@Timeout(90)
class ProcessLeakTests {

	private static final Duration BOUND = Duration.ofSeconds(30);

	private final List<DefaultProcessService> services = new CopyOnWriteArrayList<>();

	private final List<ProcessHandle> started = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		this.services.forEach(DefaultProcessService::close);
		this.started.forEach((process) -> {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
		});
	}

	@Test
	void timeoutThatOverflowsShouldBeRejectedWhenTheSpecIsBuilt() {
		Duration overflowing = Duration.ofDays(110_000);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProcessSpec.builder("/bin/true").timeout(overflowing))
			.withMessage("Timeout of 110000 days is longer than the longest supported duration of 106751 days ("
					+ Long.MAX_VALUE + " ns)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CommandDefinition("slow", List.of("sleep"), null, java.util.Map.of(), overflowing,
					null, 0, false))
			.withMessageStartingWith("Command 'slow' timeout of 110000 days is longer");
		assertThatIllegalArgumentException().isThrownBy(() -> DefaultProcessService.builder().defaultTimeout(overflowing))
			.withMessageStartingWith("Default timeout of 110000 days");
		assertThat(ProcessSpec.builder("/bin/true").timeout(SupportedDurations.MAX).build().timeout())
			.isEqualTo(SupportedDurations.MAX);
	}

	@Test
	void errorAfterLaunchShouldKillTheChildAndReleaseSlotAndRegistryEntry() {
		AtomicLong pid = new AtomicLong();
		AtomicBoolean fail = new AtomicBoolean(true);
		DefaultProcessService service = service(DefaultProcessService.builder()
			.maxConcurrent(1)
			.queue(0, Duration.ZERO)
			.listener(new ProcessListener() {
				@Override
				public void processStarted(ProcessInfo process) {
					pid.set(process.pid());
					if (fail.getAndSet(false)) {
						throw new StartError();
					}
				}
			}));
		assertThatExceptionOfType(StartError.class)
			.isThrownBy(() -> service.start(ProcessSpec.builder("sleep", "1000").check(false).build()));
		ProcessHandle.of(pid.get()).ifPresent(this.started::add);
		assertThat(service.getRegistry().size()).isZero();
		await().atMost(BOUND)
			.until(() -> ProcessHandle.of(pid.get()).map(ProcessLiveness::isRunning).orElse(false), (alive) -> !alive);
		assertThat(service.run(ProcessSpec.of("/bin/true")).isSuccess()).as("the only slot is free again").isTrue();
	}

	@Test
	void closeRacingStartsShouldLeaveNoProcessRunningOrTracked() throws InterruptedException {
		DefaultProcessService service = service(DefaultProcessService.builder()
			.maxConcurrent(64)
			.queue(0, Duration.ZERO)
			.terminationGrace(Duration.ofMillis(500)));
		List<RunningProcess> handles = new CopyOnWriteArrayList<>();
		CountDownLatch go = new CountDownLatch(1);
		List<Thread> starters = new java.util.ArrayList<>();
		for (int i = 0; i < 8; i++) {
			Thread starter = new Thread(() -> {
				awaitQuietly(go);
				for (int run = 0; run < 4; run++) {
					try {
						RunningProcess process = service.start(ProcessSpec.builder("sleep", "1000").check(false).build());
						handles.add(process);
						ProcessHandle.of(process.pid()).ifPresent(this.started::add);
					}
					catch (ProcessRejectedException ex) {
						return;
					}
				}
			});
			starter.start();
			starters.add(starter);
		}
		go.countDown();
		await().atMost(BOUND).until(() -> !handles.isEmpty());
		service.close();
		for (Thread starter : starters) {
			starter.join(BOUND.toMillis());
		}
		for (RunningProcess process : handles) {
			assertThat(process.onExit()).succeedsWithin(BOUND)
				.satisfies((result) -> assertThat(result.outcome()).isEqualTo(ProcessOutcome.CANCELLED));
		}
		assertThat(service.getRegistry().size()).isZero();
		assertThat(this.started).noneMatch(ProcessLiveness::isRunning);
	}

	@Test
	void treeStillBeingKilledWhenCloseReturnsShouldBeFinished() {
		DefaultProcessService service = service(
				DefaultProcessService.builder().terminationGrace(Duration.ofSeconds(1)));
		// ignores SIGTERM, and so do its children: only the SIGKILL after the grace ends the tree
		RunningProcess process = service
			.start(ProcessSpec.shell("trap '' TERM; sleep 1000 & sleep 1000 & wait").check(false).build());
		this.started.add(ProcessHandle.of(process.pid()).orElseThrow());
		await().atMost(BOUND).until(() -> ProcessHandle.of(process.pid()).orElseThrow().children().count() == 2);
		List<ProcessHandle> tree = ProcessHandle.of(process.pid()).orElseThrow().descendants().toList();
		this.started.addAll(tree);
		// an interrupted closer does not wait for the tree: close() returns while it is being killed
		Thread.currentThread().interrupt();
		try {
			service.close();
		}
		finally {
			assertThat(Thread.interrupted()).as("close() keeps the interrupt").isTrue();
		}
		assertThat(process.onExit()).succeedsWithin(BOUND).satisfies((result) -> {
			assertThat(result.outcome()).isEqualTo(ProcessOutcome.CANCELLED);
			assertThat(result.signal()).isEqualTo(ProcessSignal.SIGKILL);
		});
		await().atMost(BOUND).until(() -> tree.stream().noneMatch(ProcessLiveness::isRunning));
		assertThat(service.getRegistry().size()).isZero();
	}

	@Test
	void closeAfterKillAllShouldStillWaitForTheKilledTreesAndStopTheThreads() {
		long timersBefore = liveTimerThreads();
		DefaultProcessService service = service(DefaultProcessService.builder());
		List<RunningProcess> processes = List.of(
				service.start(ProcessSpec.builder("sleep", "1000").check(false).build()),
				service.start(ProcessSpec.shell("sleep 1000 & sleep 1000 & wait").check(false).build()));
		processes.forEach((process) -> ProcessHandle.of(process.pid()).ifPresent(this.started::add));
		assertThat(service.killAll()).isPositive();
		service.close();
		assertThat(service.getRegistry().size()).as("close() waited for the killed runs to finish").isZero();
		assertThat(processes).allSatisfy((process) -> assertThat(process.isRunning()).isFalse());
		await().atMost(BOUND).until(ProcessLeakTests::liveTimerThreads, (timers) -> timers <= timersBefore);
	}

	private static long liveTimerThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith("ipc-process-timer-"))
			.count();
	}

	@Test
	void blockingOnExitCallbackShouldNotDelayAnotherRunsTimeout() {
		DefaultProcessService service = service(
				DefaultProcessService.builder().terminationGrace(Duration.ofMillis(500)));
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch blocking = new CountDownLatch(1);
		AtomicReference<String> callbackThread = new AtomicReference<>();
		RunningProcess first = service
			.start(ProcessSpec.builder("sleep", "1000").timeout(Duration.ofMillis(200)).check(false).build());
		first.onExit().thenRun(() -> {
			callbackThread.set(Thread.currentThread().getName());
			blocking.countDown();
			awaitQuietly(release);
		});
		try {
			assertThat(awaitQuietly(blocking)).as("the first run's callback is blocking").isTrue();
			RunningProcess second = service
				.start(ProcessSpec.builder("sleep", "1000").timeout(Duration.ofMillis(200)).check(false).build());
			assertThat(second.onExit()).succeedsWithin(BOUND)
				.satisfies((result) -> assertThat(result.outcome()).isEqualTo(ProcessOutcome.TIMED_OUT));
			assertThat(callbackThread.get()).doesNotStartWith("ipc-process-timer").startsWith("ipc-process-exit-");
		}
		finally {
			release.countDown();
		}
	}

	private DefaultProcessService service(DefaultProcessServiceBuilder builder) {
		DefaultProcessService service = builder.build();
		this.services.add(service);
		return service;
	}

	private static boolean awaitQuietly(CountDownLatch latch) {
		try {
			return latch.await(BOUND.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** An {@link Error}, as a failing thread start or an out-of-memory would raise. */
	static final class StartError extends Error {

		StartError() {
			super("simulated error after launch");
		}

	}

}
