package io.github.ipcboot.process;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * How a service keeps the processes of each run together: the launcher (which may start each
 * root in a process group of its own), whether what is left of a run after its root exits is
 * terminated (globally and per named command), and the marker variable that follows descendants
 * that leave the group.
 */
final class ProcessContainment {

	/** The environment variable that marks every process of a contained run. */
	static final String MARKER_VARIABLE = "IPC_PROCESS_RUN";

	private final ProcessLauncher launcher;

	private final boolean containDescendants;

	private final Map<String, Boolean> commands;

	/** Tells this JVM's runs from those of an earlier JVM with the same pid. */
	private final String prefix = ProcessHandle.current().pid() + "-"
			+ Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + "-";

	private final AtomicLong runs = new AtomicLong();

	private final LeftoverSweeper sweeper;

	private final ProcessTableLooks looks;

	/**
	 * How adopted orphans are reaped: {@code ""}, {@code orphan-reaper} (PID 1) or
	 * {@code subreaper}; or {@code no-subreaper} when a subreaper was declined because the
	 * launcher starts runs in the JVM's session.
	 */
	private final String orphans;

	ProcessContainment(ProcessLauncher launcher, boolean containDescendants, Map<String, Boolean> commands,
			String orphans) {
		this.launcher = launcher;
		this.looks = new ProcessTableLooks(!orphans.isEmpty() && !orphans.equals(ProcessLaunchers.NO_SUBREAPER));
		this.sweeper = new LeftoverSweeper(launcher, this.looks);
		this.containDescendants = containDescendants;
		this.commands = Map.copyOf(commands);
		this.orphans = orphans;
	}

	ProcessLauncher launcher() {
		return this.launcher;
	}

	LeftoverSweeper sweeper() {
		return this.sweeper;
	}

	ProcessTableLooks looks() {
		return this.looks;
	}

	/**
	 * Returns whether what is left of a run of the spec after its root exits is terminated.
	 */
	boolean contains(ProcessSpec spec) {
		Boolean own = (spec.name() != null) ? this.commands.get(spec.name()) : null;
		return (own != null) ? own : this.containDescendants;
	}

	/**
	 * Returns a new marker entry ({@code NAME=VALUE}) for a contained run, or {@code null} where
	 * markers cannot be read back or the run is not contained.
	 */
	@Nullable String newMarker(boolean contained) {
		return (contained && ProcessTable.AVAILABLE) ? MARKER_VARIABLE + "=" + this.prefix + this.runs.incrementAndGet()
				: null;
	}

	RunScope scope(Process process, @Nullable String marker, long startNanos, boolean contained) {
		long pid = process.pid();
		return new RunScope(pid, this.launcher.newProcessGroup() ? pid : -1, marker, startNanos, contained,
				this.looks);
	}

	/**
	 * Returns the mechanisms in effect, for health details and the start-up log: for example
	 * {@code process-group+marker}, or {@code descendants} where neither works; with
	 * {@code +orphan-reaper} when the JVM is PID 1 and reaps the orphans it adopts, or
	 * {@code +subreaper} when the JVM is a child subreaper that adopts and reaps them, or
	 * {@code +no-subreaper} when it declined to become one because the launcher starts runs in
	 * the JVM's session.
	 */
	String mechanism() {
		return containmentMechanism() + (this.orphans.isEmpty() ? "" : "+" + this.orphans);
	}

	private String containmentMechanism() {
		boolean groups = this.launcher.newProcessGroup();
		boolean markers = this.containDescendants && ProcessTable.AVAILABLE;
		if (groups && markers) {
			return "process-group+marker";
		}
		if (groups) {
			return ProcessTable.AVAILABLE ? "process-group" : "process-group+descendants";
		}
		return markers ? "marker" : "descendants";
	}

	boolean containDescendants() {
		return this.containDescendants;
	}

}
