package io.github.ipcboot.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Finds the processes of a run in Linux's {@code /proc}: members of its process group, and
 * processes whose initial environment carries the run's marker variable (they inherited it from
 * the run even after leaving the group with {@code setsid} or being re-parented). Zombies are
 * left out: they run no code and hold no pipe.
 * <p>
 * Only processes created since the run's root are read when that can be told from the pid
 * counter: pids are handed out in increasing order until they wrap at {@code pid_max}, so while
 * {@code ns_last_pid} has not wrapped below the root's pid and the run is too young for a whole
 * lap ({@link #FASTEST_FORK_NANOS} per process), every process of the run has a pid between the two.
 */
final class ProcessTable {

	private static final Path PROC = Path.of("/proc");

	/** A bound on how fast a machine can create processes, to tell whether pids may have wrapped. */
	private static final long FASTEST_FORK_NANOS = 10_000;

	/** Whether {@code /proc} with per-process status and environment is there (Linux). */
	static final boolean AVAILABLE = Files.isReadable(PROC.resolve("self/stat"))
			&& Files.isReadable(PROC.resolve("self/environ"));

	private static final long PID_MAX = readLong(PROC.resolve("sys/kernel/pid_max"), 4_194_304);

	private static final long SELF = ProcessHandle.current().pid();

	private static final byte[] MARKER_PREFIX = (ProcessContainment.MARKER_VARIABLE + "=")
		.getBytes(StandardCharsets.UTF_8);

	private ProcessTable() {
	}

	/**
	 * Returns the live processes of a run.
	 * @param pgid the run's process group, or {@code -1} if it has none
	 * @param marker the value of the run's marker variable, or {@code null}
	 * @param rootPid the pid of the run's root process
	 * @param ageNanos how long ago the root was started
	 * @return the processes found, none where there is no {@code /proc}
	 */
	static RunMembers find(long pgid, @Nullable String marker, long rootPid, long ageNanos) {
		if (!AVAILABLE || (pgid < 0 && marker == null)) {
			return RunMembers.NONE;
		}
		List<ProcessHandle> group = new ArrayList<>();
		List<ProcessHandle> marked = new ArrayList<>();
		for (long pid : candidates(rootPid, ageNanos)) {
			Membership membership = membership(pid, pgid, marker);
			if (membership != Membership.NONE) {
				ProcessHandle.of(pid).ifPresent((membership == Membership.GROUP) ? group::add : marked::add);
			}
		}
		return new RunMembers(group, marked);
	}

	/**
	 * Returns the live processes that carry one of the given values of the marker variable, in
	 * one look at {@code /proc} for any number of runs.
	 * @param values the marker values asked about
	 * @param oldestRootPid the pid of the oldest root among the runs
	 * @param ageNanos how long ago the oldest root was started
	 * @return the processes found by marker value, none where there is no {@code /proc}
	 */
	static Map<String, List<ProcessHandle>> findMarked(Set<String> values, long oldestRootPid, long ageNanos) {
		Map<String, List<ProcessHandle>> found = new HashMap<>();
		if (!AVAILABLE || values.isEmpty()) {
			return found;
		}
		for (long pid : candidates(oldestRootPid, ageNanos)) {
			String value = markerValue(pid);
			if (value != null && values.contains(value)) {
				ProcessHandle.of(pid).ifPresent((process) -> found.computeIfAbsent(value, (key) -> new ArrayList<>()).add(process));
			}
		}
		return found;
	}

	/**
	 * The pids that may belong to a run whose root has the given pid: those handed out since
	 * the root when that can be told, else all.
	 */
	private static long[] candidates(long rootPid, long ageNanos) {
		long lastPid = readLong(PROC.resolve("sys/kernel/ns_last_pid"), -1);
		boolean sinceRoot = lastPid >= rootPid && ageNanos / FASTEST_FORK_NANOS < PID_MAX;
		String[] names = new File("/proc").list();
		if (names == null) {
			return new long[0];
		}
		long[] pids = new long[names.length];
		int count = 0;
		for (String name : names) {
			long pid = parsePid(name);
			if (pid > 0 && pid != SELF && (!sinceRoot || (pid >= rootPid && pid <= lastPid))) {
				pids[count++] = pid;
			}
		}
		return Arrays.copyOf(pids, count);
	}

	private static Membership membership(long pid, long pgid, @Nullable String marker) {
		String stat = read(pid, "stat");
		// "pid (comm) S ppid pgrp ...": comm may hold spaces and parentheses
		int end = (stat != null) ? stat.lastIndexOf(')') : -1;
		if (stat == null || end < 0 || end + 2 >= stat.length()) {
			return Membership.NONE;
		}
		char state = stat.charAt(end + 2);
		if (state == 'Z' || state == 'X') {
			return Membership.NONE;
		}
		String[] fields = stat.substring(end + 2).split(" ", 4);
		if (fields.length > 2 && pgid > 0 && Long.toString(pgid).equals(fields[2])) {
			return Membership.GROUP;
		}
		return (marker != null && marker.equals(markerValue(pid))) ? Membership.MARKED : Membership.NONE;
	}

	private enum Membership {

		NONE, GROUP, MARKED

	}

	/**
	 * Returns the value of the marker variable in the initial environment of a process, or
	 * {@code null} (also for zombies, whose environment reads empty).
	 */
	private static @Nullable String markerValue(long pid) {
		byte[] environ = environ(pid);
		int start = 0;
		for (int i = 0; i <= environ.length; i++) {
			if (i == environ.length || environ[i] == 0) {
				if (i - start > MARKER_PREFIX.length
						&& Arrays.equals(environ, start, start + MARKER_PREFIX.length, MARKER_PREFIX, 0, MARKER_PREFIX.length)) {
					return new String(environ, start + MARKER_PREFIX.length, i - start - MARKER_PREFIX.length,
							StandardCharsets.UTF_8);
				}
				start = i + 1;
			}
		}
		return null;
	}

	private static byte[] environ(long pid) {
		try {
			return Files.readAllBytes(PROC.resolve(pid + "/environ"));
		}
		catch (IOException | SecurityException ex) {
			return new byte[0];
		}
	}

	private static @Nullable String read(long pid, String file) {
		try {
			return new String(Files.readAllBytes(PROC.resolve(pid + "/" + file)), StandardCharsets.ISO_8859_1);
		}
		catch (IOException | SecurityException ex) {
			return null;
		}
	}

	private static long parsePid(String name) {
		long pid = 0;
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			pid = pid * 10 + (c - '0');
		}
		return pid;
	}

	private static long readLong(Path file, long fallback) {
		try {
			return Long.parseLong(Files.readString(file).trim());
		}
		catch (IOException | RuntimeException ex) {
			return fallback;
		}
	}

}
