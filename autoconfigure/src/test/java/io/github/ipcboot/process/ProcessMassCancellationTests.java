package io.github.ipcboot.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that cancelling many runs at once ends them all, their trees included, and that the
 * terminations share their looks at {@code /proc} ({@link ProcessTableLooks}) instead of each
 * reading it on every poll, which made the work grow with the square of the number of runs.
 */
@Timeout(180)
class ProcessMassCancellationTests {

	private static final int RUNS = 200;

	private final Sleepers sleepers = new Sleepers();

	@AfterEach
	void killSleepersLeft() {
		this.sleepers.killAll();
	}

	@Test
	void cancellingManyRunsAtOnceShouldEndEveryTreeAndShareLooksAtProc() throws Exception {
		try (DefaultProcessService service = TestLaunchers.builder()
			.maxConcurrent(RUNS)
			.terminationGrace(Duration.ofSeconds(5))
			.build()) {
			cancelAllAtOnce(service);
		}
	}

	private void cancelAllAtOnce(DefaultProcessService service) throws Exception {
		// each run is a shell waiting for a sleeper of its own: two processes per run
		List<RunningProcess> runs = IntStream.range(0, RUNS)
			.mapToObj((i) -> service.start(ProcessSpec.shell(this.sleepers.command() + " & wait").check(false).build()))
			.toList();
		await().atMost(Duration.ofSeconds(60)).until(() -> this.sleepers.running().size() == RUNS);
		ProcessTableLooks looks = service.tableLooks();
		long scansBefore = looks.scans();
		long askedBefore = looks.asked();
		runs.forEach(RunningProcess::cancel);
		CompletableFuture.allOf(runs.stream().map(RunningProcess::onExit).toArray(CompletableFuture[]::new))
			.get(60, TimeUnit.SECONDS);
		long scans = looks.scans() - scansBefore;
		long asked = looks.asked() - askedBefore;
		assertThat(runs).allSatisfy((run) -> assertThat(run.await().outcome()).isEqualTo(ProcessOutcome.CANCELLED));
		assertThat(runs).noneMatch((run) -> ProcessHandle.of(run.pid()).filter(ProcessLiveness::isRunning).isPresent());
		assertThat(this.sleepers.running()).isEmpty();
		// every termination asks at least once when it starts and twice once its processes are gone;
		// each ask read /proc on its own before the looks were shared
		assertThat(asked).isGreaterThanOrEqualTo(3L * RUNS);
		assertThat(scans).as("looks at /proc for %d asks", asked).isLessThan(asked * 2 / 3);
	}

}
