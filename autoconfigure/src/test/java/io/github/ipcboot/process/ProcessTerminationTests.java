package io.github.ipcboot.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for timeouts, cancellation and shutdown of {@link DefaultProcessService}: the whole
 * process tree goes, {@code SIGTERM} first and {@code SIGKILL} after the grace. Liveness is
 * checked with {@link ProcessLiveness}: where init does not reap orphans (as in many containers)
 * a killed descendant stays a zombie that {@link ProcessHandle#isAlive()} still reports alive.
 */
@Timeout(60)
class ProcessTerminationTests {

	private static final String TWO_SLEEPERS = "sleep 1000 & sleep 1000 & wait";

	private final List<String> signals = new CopyOnWriteArrayList<>();

	private final DefaultProcessService service = TestLaunchers.builder()
		.terminationGrace(Duration.ofMillis(500))
		.outputDrainTimeout(Duration.ofMillis(500))
		.listener(new ProcessListener() {
			@Override
			public void processSignalled(ProcessInfo process, ProcessSignal signal, int count) {
				ProcessTerminationTests.this.signals.add(signal + " x" + count);
			}
		})
		.build();

	@AfterEach
	void close() {
		this.service.close();
	}

	@Test
	void timeoutShouldTerminateWholeTreeAndKeepPartialOutput() {
		AtomicReference<List<ProcessHandle>> tree = new AtomicReference<>();
		RunningProcess process = this.service.start(
				ProcessSpec.shell("echo started; " + TWO_SLEEPERS).timeout(Duration.ofSeconds(2)).build());
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			tree.set(descendants(process.pid()));
			assertThat(tree.get()).hasSize(2);
		});
		assertThatExceptionOfType(ProcessTimeoutException.class).isThrownBy(process::await)
			.withMessageContaining("timed out")
			.satisfies((ex) -> {
				assertThat(ex.getResult().outcome()).isEqualTo(ProcessOutcome.TIMED_OUT);
				assertThat(ex.getResult().stdoutText()).isEqualTo("started\n");
				assertThat(ex.getResult().signal()).isEqualTo(ProcessSignal.SIGTERM);
			});
		assertThat(tree.get()).noneMatch(ProcessLiveness::isRunning);
		assertThat(this.signals).containsExactly("SIGTERM x3");
		assertThat(this.service.getRegistry().size()).isZero();
	}

	@Test
	void killAllShouldKillEveryTreeAtOnceAndTakeNoMoreRuns() {
		AtomicReference<List<ProcessHandle>> tree = new AtomicReference<>();
		// a tree that ignores SIGTERM: only the SIGKILL of a forced shutdown ends it
		RunningProcess stubborn = this.service.start(ProcessSpec.shell("trap '' TERM; " + TWO_SLEEPERS).check(false).build());
		RunningProcess plain = this.service.start(ProcessSpec.builder("sleep", "1000").check(false).build());
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			tree.set(descendants(stubborn.pid()));
			assertThat(tree.get()).hasSize(2);
		});
		assertThat(this.service.killAll()).as("processes killed: 3 of the tree, 1 alone").isEqualTo(4);
		assertThat(stubborn.await().signal()).isEqualTo(ProcessSignal.SIGKILL);
		assertThat(plain.await().signal()).isEqualTo(ProcessSignal.SIGKILL);
		await().atMost(Duration.ofSeconds(10)).until(() -> tree.get().stream().noneMatch(ProcessLiveness::isRunning));
		assertThat(this.signals).as("no grace: nothing was sent SIGTERM first").isEmpty();
		assertThatExceptionOfType(ProcessRejectedException.class)
			.isThrownBy(() -> this.service.start(ProcessSpec.of("/bin/true")));
	}

	@Test
	void processThatCleansUpWithinTheGraceShouldEndOnItsOwnWithoutSigkill() {
		// a grace far longer than the clean-up: a SIGKILL here could only come from a wrong deadline
		try (DefaultProcessService patient = TestLaunchers.builder()
			.terminationGrace(Duration.ofSeconds(30))
			.listener(new ProcessListener() {
				@Override
				public void processSignalled(ProcessInfo process, ProcessSignal signal, int count) {
					ProcessTerminationTests.this.signals.add(signal + " x" + count);
				}
			})
			.build()) {
			RunningProcess process = patient
				.start(ProcessSpec.shell("trap 'sleep 0.5; echo cleaned; exit 3' TERM; sleep 1000 & wait")
				.timeout(Duration.ofSeconds(3))
				.check(false)
				.build());
			ProcessResult result = process.await();
			assertThat(result.outcome()).isEqualTo(ProcessOutcome.TIMED_OUT);
			assertThat(result.exitCode()).isEqualTo(3);
			assertThat(result.stdoutText()).isEqualTo("cleaned\n");
			assertThat(this.signals).containsExactly("SIGTERM x2");
		}
	}

	@Test
	void childStartedDuringTheGraceShouldBeKilledWithTheTree() {
		List<Long> lateChildren = new CopyOnWriteArrayList<>();
		// on SIGTERM the shell starts another child and waits for it: only the SIGKILL after the
		// grace ends them, and the late child was not in the tree when SIGTERM went out
		RunningProcess process = this.service
			.start(ProcessSpec.shell("trap 'sleep 1000 & echo $!; wait' TERM; sleep 1000 & wait")
			.timeout(Duration.ofSeconds(2))
			.check(false)
			.onStdoutLine((line) -> lateChildren.add(Long.parseLong(line)))
			.build());
		try {
			ProcessResult result = process.await();
			assertThat(result.signal()).isEqualTo(ProcessSignal.SIGKILL);
			assertThat(lateChildren).hasSize(1);
			ProcessHandle late = ProcessHandle.of(lateChildren.get(0)).orElse(null);
			await().atMost(Duration.ofSeconds(10)).until(() -> late == null || !ProcessLiveness.isRunning(late));
			assertThat(this.signals).containsExactly("SIGTERM x2", "SIGKILL x2");
		}
		finally {
			lateChildren.forEach((pid) -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
		}
	}

	@Test
	void timeoutShouldKillTreeThatIgnoresSigterm() {
		AtomicReference<List<ProcessHandle>> tree = new AtomicReference<>();
		RunningProcess process = this.service.start(ProcessSpec.shell("trap '' TERM; " + TWO_SLEEPERS)
			.timeout(Duration.ofSeconds(1))
			.check(false)
			.build());
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			tree.set(descendants(process.pid()));
			assertThat(tree.get()).hasSize(2);
		});
		ProcessResult result = process.await();
		assertThat(result.outcome()).isEqualTo(ProcessOutcome.TIMED_OUT);
		assertThat(result.signal()).isEqualTo(ProcessSignal.SIGKILL);
		assertThat(tree.get()).noneMatch(ProcessLiveness::isRunning);
		assertThat(this.signals).containsExactly("SIGTERM x3", "SIGKILL x3");
	}

	@Test
	void runWhenDescendantKeepsPipeOpenShouldFinishWithinDrainTimeout() {
		// the shell exits at once, a background sleep inherits stdout and holds it open
		ProcessResult result = this.service.run(ProcessSpec.shell("sleep 1000 & echo $!; sleep 0.2").build());
		long sleeper = Long.parseLong(result.stdoutText().strip());
		try {
			assertThat(result.outcome()).isEqualTo(ProcessOutcome.SUCCESS);
			assertThat(result.duration()).isLessThan(Duration.ofSeconds(5));
		}
		finally {
			ProcessHandle.of(sleeper).ifPresent(ProcessHandle::destroyForcibly);
		}
	}

	@Test
	void cancelShouldTerminateTreeAndReportCancelled() {
		RunningProcess process = this.service.start(ProcessSpec.shell(TWO_SLEEPERS).build());
		await().atMost(Duration.ofSeconds(10)).until(() -> descendants(process.pid()).size() == 2);
		List<ProcessHandle> tree = descendants(process.pid());
		assertThat(process.info().state()).isEqualTo(ProcessState.RUNNING);
		assertThat(process.cancel()).isTrue();
		assertThat(process.cancel()).isFalse();
		assertThatExceptionOfType(ProcessCancelledException.class).isThrownBy(process::await)
			.satisfies((ex) -> assertThat(ex.getResult().outcome()).isEqualTo(ProcessOutcome.CANCELLED));
		assertThat(process.onExit()).isCompletedExceptionally();
		assertThat(tree).noneMatch(ProcessLiveness::isRunning);
		assertThat(process.cancel()).isFalse();
	}

	@Test
	void interruptingRunShouldCancelTheProcess() throws Exception {
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
		Thread caller = new Thread(() -> {
			try {
				this.service.run(ProcessSpec.of("sleep", "1000"));
			}
			catch (RuntimeException ex) {
				thrown.set(ex);
				stillInterrupted.set(Thread.currentThread().isInterrupted());
			}
		});
		caller.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.service.getRegistry().size() == 1);
		caller.interrupt();
		caller.join(Duration.ofSeconds(10).toMillis());
		assertThat(thrown.get()).isInstanceOf(ProcessCancelledException.class);
		assertThat(stillInterrupted.get()).isTrue();
		assertThat(this.service.getRegistry().size()).isZero();
	}

	@Test
	void closeShouldTerminateRunningProcessTreesAndRejectNewRuns() {
		RunningProcess process = this.service.start(ProcessSpec.shell(TWO_SLEEPERS).build());
		await().atMost(Duration.ofSeconds(10)).until(() -> descendants(process.pid()).size() == 2);
		List<ProcessHandle> tree = descendants(process.pid());
		this.service.close();
		assertThat(process.isRunning()).isFalse();
		assertThat(tree).noneMatch(ProcessLiveness::isRunning);
		assertThat(ProcessHandle.of(process.pid())).isEmpty();
		assertThatExceptionOfType(ProcessCancelledException.class).isThrownBy(process::await);
		assertThatExceptionOfType(ProcessRejectedException.class)
			.isThrownBy(() -> this.service.run(ProcessSpec.of("/bin/true")))
			.withMessageContaining("shut down");
	}

	private static List<ProcessHandle> descendants(long pid) {
		return ProcessHandle.of(pid).map((handle) -> handle.descendants().toList()).orElse(List.of());
	}

}
