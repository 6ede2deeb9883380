package io.github.ipcboot.process;

import org.jspecify.annotations.Nullable;

/**
 * What belongs to one run: its process group (the root leads a group of its own when the
 * launcher could start it so) and, when its descendants are contained, the marker variable every
 * process it starts inherits. {@link #members()} finds them wherever they went.
 *
 * @param rootPid the pid of the run's root process
 * @param pgid the process group of the run, or {@code -1} when the root shares the JVM's group
 * @param marker the {@code NAME=VALUE} marker entry, or {@code null} when descendants that leave
 * the group are not tracked
 * @param startNanos {@link System#nanoTime()} when the root was started
 * @param contained whether what is left of the run after its root exits is terminated
 * @param looks the service's looks at {@code /proc}, shared by its runs
 */
record RunScope(long rootPid, long pgid, @Nullable String marker, long startNanos, boolean contained,
		ProcessTableLooks looks) {

	/**
	 * Returns whether the run's process group may still have members; {@code true} when the run
	 * has no group of its own (then only a full look can tell).
	 */
	boolean groupRemains(ProcessLauncher launcher) {
		return this.pgid < 0 || launcher.groupExists(this.pgid, System.nanoTime() - this.startNanos);
	}

	/**
	 * Returns the value of the marker variable, or {@code null}.
	 */
	@Nullable String markerValue() {
		return (this.marker != null) ? this.marker.substring(this.marker.indexOf('=') + 1) : null;
	}

	/**
	 * Returns the live processes of the run: members of its group and carriers of its marker
	 * ({@code /proc} on Linux; none elsewhere), from a look shared with other runs.
	 */
	RunMembers members() {
		return this.looks.members(this);
	}

}
