package io.github.ipcboot.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The live processes {@link ProcessTable#snapshot(long, long)} found in one look at
 * {@code /proc}: their pids, parents and process groups, and their marker values read once when
 * first asked for, so that the trees and members of any number of runs are picked from one look.
 */
final class ProcessTableSnapshot {

	/** The lowest pid read, {@code 0} when every pid was. */
	private final long from;

	private final long lastPid;

	private final long[] pids;

	private final long[] parents;

	private final long[] groups;

	/** The start time of each process as read, to tell it from a later one with its pid. */
	private final long[] starts;

	private final @Nullable String[] markers;

	private final boolean[] markersRead;

	ProcessTableSnapshot(long from, long lastPid, long[] pids, long[] parents, long[] groups, long[] starts) {
		this.from = from;
		this.lastPid = lastPid;
		this.pids = pids;
		this.parents = parents;
		this.groups = groups;
		this.starts = starts;
		this.markers = new String[pids.length];
		this.markersRead = new boolean[pids.length];
	}

	/**
	 * Returns whether the look read every pid a run with the given root can have.
	 * @param rootPid the pid of the run's root
	 * @param ageNanos how long ago the root was started
	 */
	boolean covers(long rootPid, long ageNanos) {
		return this.from == 0 || (rootPid >= this.from && ProcessTable.sinceRoot(rootPid, this.lastPid, ageNanos));
	}

	/**
	 * Returns the processes in the group and the others that carry the marker value.
	 * @param pgid the process group, or {@code -1}
	 * @param marker the marker value, or {@code null}
	 */
	synchronized RunMembers members(long pgid, @Nullable String marker) {
		List<ProcessHandle> group = new ArrayList<>();
		List<ProcessHandle> marked = new ArrayList<>();
		for (int i = 0; i < this.pids.length; i++) {
			if (pgid > 0 && this.groups[i] == pgid) {
				running(i).ifPresent(group::add);
			}
			else if (marker != null && marker.equals(marker(i))) {
				running(i).ifPresent(marked::add);
			}
		}
		return (group.isEmpty() && marked.isEmpty()) ? RunMembers.NONE : new RunMembers(group, marked);
	}

	/**
	 * Returns the live descendants of a process: its children, theirs, and so on.
	 * @param pid the process
	 */
	List<ProcessHandle> descendants(long pid) {
		List<ProcessHandle> descendants = new ArrayList<>();
		List<Long> parents = new ArrayList<>(List.of(pid));
		for (int next = 0; next < parents.size(); next++) {
			long parent = parents.get(next);
			for (int i = 0; i < this.pids.length; i++) {
				if (this.parents[i] == parent && this.pids[i] != pid) {
					parents.add(this.pids[i]);
					running(i).ifPresent(descendants::add);
				}
			}
		}
		return descendants;
	}

	/**
	 * A process of the look that still runs now: the look may be some milliseconds old, and a
	 * process killed since is a zombie or gone, its pid perhaps taken by another (told by the
	 * start time).
	 */
	private Optional<ProcessHandle> running(int index) {
		return ProcessTable.sameProcess(this.pids[index], this.starts[index]).filter(ProcessLiveness::isRunning);
	}

	private @Nullable String marker(int index) {
		if (!this.markersRead[index]) {
			this.markers[index] = ProcessTable.markerValue(this.pids[index]);
			this.markersRead[index] = true;
		}
		return this.markers[index];
	}

}
