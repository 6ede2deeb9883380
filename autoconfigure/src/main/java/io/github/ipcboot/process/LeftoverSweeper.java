package io.github.ipcboot.process;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ObjIntConsumer;

/**
 * Finds, after their results were returned, the processes of runs that left the run's process
 * group and closed its pipes (a daemon started with {@code setsid ... >/dev/null 2>&1 &}), by
 * the marker variable they inherited, and terminates them like the rest of a run
 * ({@link TreeTermination}: {@code SIGTERM}, {@code SIGKILL} after the grace). Runs that finish
 * close together share one look at {@code /proc}, on the service's timer: a run whose group is
 * empty and whose pipes are closed is not kept waiting for it.
 */
final class LeftoverSweeper {

	/** Gathers the runs that finish close together into one look at {@code /proc}. */
	private static final Duration BATCH_DELAY = Duration.ofMillis(10);

	private final ProcessLauncher launcher;

	private final ProcessTableLooks looks;

	private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private final Set<CompletableFuture<Void>> active = ConcurrentHashMap.newKeySet();

	LeftoverSweeper(ProcessLauncher launcher, ProcessTableLooks looks) {
		this.launcher = launcher;
		this.looks = looks;
	}

	/**
	 * Looks for the run's marked processes soon, and terminates those found.
	 * @param signalled told which signal went to how many processes
	 */
	void sweepSoon(RunScope scope, Duration grace, ScheduledExecutorService timer,
			ObjIntConsumer<ProcessSignal> signalled) {
		if (scope.marker() != null) {
			sweepSoon(new Pending(scope, grace, signalled, 0), timer);
		}
	}

	private void sweepSoon(Pending run, ScheduledExecutorService timer) {
		this.pending.add(run);
		if (this.scheduled.compareAndSet(false, true)) {
			try {
				timer.schedule(() -> sweep(timer), BATCH_DELAY.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (RejectedExecutionException ex) {
				// the service is shut down: its close() already terminated what it tracked
				this.scheduled.set(false);
			}
		}
	}

	/**
	 * Returns a future completed once every sweep asked for so far and every termination they
	 * started is over.
	 */
	CompletableFuture<Void> idle() {
		return CompletableFuture.allOf(this.active.toArray(CompletableFuture[]::new));
	}

	private void sweep(ScheduledExecutorService timer) {
		this.scheduled.set(false);
		Map<String, Pending> runs = new HashMap<>();
		long oldestRoot = Long.MAX_VALUE;
		long oldestStart = System.nanoTime();
		for (Pending run = this.pending.poll(); run != null; run = this.pending.poll()) {
			runs.put(run.scope().markerValue(), run);
			oldestRoot = Math.min(oldestRoot, run.scope().rootPid());
			oldestStart = (run.scope().startNanos() - oldestStart < 0) ? run.scope().startNanos() : oldestStart;
		}
		if (runs.isEmpty()) {
			return;
		}
		Map<String, List<ProcessHandle>> found = this.looks.findLeftovers(runs.keySet(), oldestRoot,
				System.nanoTime() - oldestStart);
		runs.forEach((value, run) -> {
			if (!found.containsKey(value) && run.looks() + 1 < TreeTermination.EMPTY_LOOKS) {
				// looked once more in the next batch: a process may be between leaving the group and an exec
				sweepSoon(new Pending(run.scope(), run.grace(), run.signalled(), run.looks() + 1), timer);
			}
		});
		found.keySet().forEach((value) -> {
			Pending run = runs.get(value);
			CompletableFuture<Void> settled = TreeTermination
				.start(null, run.scope(), this.launcher, run.grace(), timer, run.signalled())
				.settled();
			this.active.add(settled);
			settled.whenComplete((ignored, ex) -> this.active.remove(settled));
		});
	}

	private record Pending(RunScope scope, Duration grace, ObjIntConsumer<ProcessSignal> signalled, int looks) {
	}

}
