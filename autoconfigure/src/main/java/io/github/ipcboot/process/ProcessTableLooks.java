package io.github.ipcboot.process;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The looks at {@code /proc} of one service, shared by its runs. Runs being terminated poll
 * for their trees and members every {@code 20 ms} each: they share one snapshot of the process
 * table finished at most {@link #SHARE_WINDOW} earlier (runs that wait while it is taken use it),
 * so that terminating N runs reads {@code /proc} about once per window instead of N times per
 * poll, and each look reads the pids of every run still being watched. The processes a look
 * lists are checked to run still when they are handed out.
 * <p>
 * The leftovers of finished runs (processes that left the group and closed the pipes) are found
 * among this JVM's own children alone when the JVM adopts orphans (it is a child subreaper, or
 * PID 1): once a run's root has exited, the topmost live process of the run has lost its parent,
 * so it was re-parented to the JVM (a subreaper below it would be a live process of the run
 * itself, above it); the kernel hands such orphans to the JVM's main thread while it runs
 * ({@link ProcessTable#adoptedChildren()}), so a look at that thread's children finds it, instead
 * of reading the environment of every process on the machine.
 */
final class ProcessTableLooks {

	/**
	 * How long a look serves the runs that ask after it: less than the poll interval of a
	 * termination, so that each poll of a run reads a look taken after its previous poll.
	 */
	static final Duration SHARE_WINDOW = TreeTermination.POLL_INTERVAL.dividedBy(2);

	/** How long the pid range of a run stays in the looks after it last asked. */
	private static final Duration KEEP_RANGE = Duration.ofMillis(200);

	private final boolean orphansAdopted;

	private final AtomicLong scans = new AtomicLong();

	private final AtomicLong asked = new AtomicLong();

	private @Nullable ProcessTableSnapshot last;

	private long lastDone;

	/** The oldest root the last look read from, kept for the runs still polling. */
	private long lowestRoot = Long.MAX_VALUE;

	private long lowestRootStart;

	/**
	 * @param orphansAdopted whether this JVM adopts the orphans of its descendants (child
	 * subreaper or PID 1)
	 */
	ProcessTableLooks(boolean orphansAdopted) {
		this.orphansAdopted = orphansAdopted;
	}

	/**
	 * Returns the live members of a run: those of its group and the carriers of its marker.
	 */
	synchronized RunMembers members(RunScope scope) {
		String marker = scope.markerValue();
		if (!ProcessTable.AVAILABLE || (scope.pgid() < 0 && marker == null)) {
			return RunMembers.NONE;
		}
		return snapshot(scope).members(scope.pgid(), marker);
	}

	/**
	 * Returns the live descendants of processes of a run (with the JDK's look at every process
	 * where there is no {@code /proc}).
	 * @param scope the run
	 * @param processes processes of the run
	 */
	List<ProcessHandle> descendants(RunScope scope, Collection<ProcessHandle> processes) {
		if (processes.isEmpty()) {
			return List.of();
		}
		if (!ProcessTable.AVAILABLE) {
			return processes.stream().flatMap(ProcessHandle::descendants).toList();
		}
		ProcessTableSnapshot snapshot;
		synchronized (this) {
			snapshot = snapshot(scope);
		}
		return processes.stream().flatMap((process) -> snapshot.descendants(process.pid()).stream()).toList();
	}

	private ProcessTableSnapshot snapshot(RunScope scope) {
		this.asked.incrementAndGet();
		long now = System.nanoTime();
		ProcessTableSnapshot snapshot = this.last;
		if (snapshot == null || now - this.lastDone > SHARE_WINDOW.toNanos()
				|| !snapshot.covers(scope.rootPid(), now - scope.startNanos())) {
			snapshot = look(scope, now);
		}
		return snapshot;
	}

	private ProcessTableSnapshot look(RunScope scope, long now) {
		boolean keep = this.last != null && now - this.lastDone < KEEP_RANGE.toNanos()
				&& this.lowestRoot < scope.rootPid();
		ProcessTableSnapshot snapshot = keep ? ProcessTable.snapshot(this.lowestRoot, now - this.lowestRootStart) : null;
		if (snapshot == null || !snapshot.covers(scope.rootPid(), now - scope.startNanos())) {
			// a range of its own: also when the pid counter wrapped between the two roots
			this.scans.addAndGet((snapshot != null) ? 1 : 0);
			this.lowestRoot = scope.rootPid();
			this.lowestRootStart = scope.startNanos();
			snapshot = ProcessTable.snapshot(this.lowestRoot, now - this.lowestRootStart);
		}
		this.scans.incrementAndGet();
		this.last = snapshot;
		this.lastDone = System.nanoTime();
		return snapshot;
	}

	/**
	 * Returns the live processes that carry one of the given marker values: among the orphans this
	 * JVM adopted that no launcher started (when it adopts them), else among every process since
	 * the oldest root.
	 * @param values the marker values of finished runs whose group is empty
	 * @param oldestRootPid the pid of the oldest root among the runs
	 * @param ageNanos how long ago the oldest root was started
	 */
	Map<String, List<ProcessHandle>> findLeftovers(Set<String> values, long oldestRootPid, long ageNanos) {
		long[] children = this.orphansAdopted ? ProcessTable.adoptedChildren() : null;
		if (children != null) {
			return ProcessTable.findMarked(values,
					Arrays.stream(children).filter((pid) -> !LaunchedChildren.contains(pid)).toArray());
		}
		this.scans.incrementAndGet();
		return ProcessTable.findMarked(values, oldestRootPid, ageNanos);
	}

	/**
	 * Returns how many looks at the whole process table were taken, for tests.
	 */
	long scans() {
		return this.scans.get();
	}

	/**
	 * Returns how many times the members of a run were asked for, for tests.
	 */
	long asked() {
		return this.asked.get();
	}

}
