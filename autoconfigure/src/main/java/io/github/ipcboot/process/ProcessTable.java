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
import java.util.Optional;
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

	private static final Path TASKS = PROC.resolve("self/task");

	private static final long SELF = ProcessHandle.current().pid();

	/** The index of the start time among the fields of {@link #liveStat(long)} (field 22 of stat). */
	private static final int START_TIME = 19;

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
		return snapshot(rootPid, ageNanos).members(pgid, marker);
	}

	/**
	 * Reads the state and process group of every live process that may belong to a run whose
	 * root has the given pid (their environments are read when first asked for), to find the
	 * members of any number of runs started since in one look.
	 * @param rootPid the pid of the oldest root the snapshot is for
	 * @param ageNanos how long ago that root was started
	 * @return the snapshot, empty where there is no {@code /proc}
	 */
	static ProcessTableSnapshot snapshot(long rootPid, long ageNanos) {
		long lastPid = readLong(PROC.resolve("sys/kernel/ns_last_pid"), -1);
		boolean sinceRoot = sinceRoot(rootPid, lastPid, ageNanos);
		long[] pids = AVAILABLE ? candidates(sinceRoot ? rootPid : 0, lastPid) : new long[0];
		long[] parents = new long[pids.length];
		long[] groups = new long[pids.length];
		long[] starts = new long[pids.length];
		int count = 0;
		for (long pid : pids) {
			String[] fields = liveStat(pid);
			if (fields != null) {
				pids[count] = pid;
				parents[count] = parsePid(fields[1]);
				starts[count] = parsePid(fields[START_TIME]);
				groups[count++] = parsePid(fields[2]);
			}
		}
		return new ProcessTableSnapshot(sinceRoot ? rootPid : 0, lastPid, Arrays.copyOf(pids, count),
				Arrays.copyOf(parents, count), Arrays.copyOf(groups, count), Arrays.copyOf(starts, count));
	}

	/**
	 * Whether every process of a run has a pid between its root's and the last one handed out.
	 */
	static boolean sinceRoot(long rootPid, long lastPid, long ageNanos) {
		return lastPid >= rootPid && ageNanos / FASTEST_FORK_NANOS < PID_MAX;
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
		if (!AVAILABLE || values.isEmpty()) {
			return new HashMap<>();
		}
		long lastPid = readLong(PROC.resolve("sys/kernel/ns_last_pid"), -1);
		long from = sinceRoot(oldestRootPid, lastPid, ageNanos) ? oldestRootPid : 0;
		return findMarked(values, candidates(from, lastPid));
	}

	/**
	 * Returns the processes among the given pids that carry one of the given marker values.
	 */
	static Map<String, List<ProcessHandle>> findMarked(Set<String> values, long[] pids) {
		Map<String, List<ProcessHandle>> found = new HashMap<>();
		for (long pid : pids) {
			String value = markerValue(pid);
			if (value != null && values.contains(value)) {
				// the handle first, then /proc again: a pid reused between the reads is dropped
				Optional<ProcessHandle> process = ProcessHandle.of(pid);
				long start = startTime(pid);
				if (process.isPresent() && start >= 0 && value.equals(markerValue(pid)) && startTime(pid) == start) {
					found.computeIfAbsent(value, (key) -> new ArrayList<>()).add(process.get());
				}
			}
		}
		return found;
	}

	/**
	 * Returns the children of this JVM's main thread, where the kernel re-parents the orphans the
	 * JVM adopts (to the first thread of the reaper that is not exiting: the main thread, which
	 * the {@code java} launcher keeps waiting for the JVM to end), or all of the JVM's children
	 * when the main thread has ended; {@code null} where the kernel has no such lists.
	 */
	static long @Nullable [] adoptedChildren() {
		Path main = TASKS.resolve(Long.toString(SELF));
		String stat;
		try {
			stat = Files.readString(main.resolve("stat"), StandardCharsets.ISO_8859_1);
		}
		catch (IOException | RuntimeException ex) {
			return ownChildren();
		}
		int end = stat.lastIndexOf(')');
		char state = (end > 0 && end + 2 < stat.length()) ? stat.charAt(end + 2) : 'X';
		if (state == 'Z' || state == 'X') {
			return ownChildren();
		}
		try {
			return parsePids(Files.readString(main.resolve("children"), StandardCharsets.ISO_8859_1));
		}
		catch (IOException | RuntimeException ex) {
			return ownChildren();
		}
	}

	/**
	 * Returns this JVM's children, from {@code /proc/self/task/<tid>/children} (a child may be
	 * the child of any of the JVM's threads), or {@code null} where the kernel has no such files
	 * ({@code CONFIG_PROC_CHILDREN}).
	 */
	static long @Nullable [] ownChildren() {
		String[] tasks = TASKS.toFile().list();
		if (tasks == null || tasks.length == 0 || !Files.exists(TASKS.resolve(tasks[0]).resolve("children"))) {
			return null;
		}
		StringBuilder lists = new StringBuilder();
		for (String task : tasks) {
			try {
				lists.append(Files.readString(TASKS.resolve(task).resolve("children"), StandardCharsets.ISO_8859_1))
					.append(' ');
			}
			catch (IOException | RuntimeException ex) {
				// the thread ended meanwhile
			}
		}
		return parsePids(lists.toString());
	}

	private static long[] parsePids(String list) {
		return Arrays.stream(list.trim().split(" "))
			.filter((pid) -> !pid.isEmpty())
			.mapToLong(ProcessTable::parsePid)
			.toArray();
	}

	/**
	 * The live pids from {@code from} (all from {@code 0}) to {@code lastPid}, this JVM's left out.
	 */
	private static long[] candidates(long from, long lastPid) {
		String[] names = new File("/proc").list();
		if (names == null) {
			return new long[0];
		}
		long[] pids = new long[names.length];
		int count = 0;
		for (String name : names) {
			long pid = parsePid(name);
			if (pid > 0 && pid != SELF && (from <= 0 || (pid >= from && pid <= lastPid))) {
				pids[count++] = pid;
			}
		}
		return Arrays.copyOf(pids, count);
	}

	/**
	 * Returns the handle of a process read from {@code /proc} with the given start time: the
	 * handle is taken first and the start time read after it, so that a pid reused since the
	 * read yields nothing (the handle then names a process gone or one started since).
	 * @param pid the pid read
	 * @param startTime its start time then ({@code /proc/<pid>/stat} field 22)
	 * @return the handle, empty when the process is gone or the pid now names another one
	 */
	static Optional<ProcessHandle> sameProcess(long pid, long startTime) {
		Optional<ProcessHandle> process = ProcessHandle.of(pid);
		return (process.isPresent() && startTime(pid) == startTime) ? process : Optional.empty();
	}

	/**
	 * Returns the start time of a process ({@code /proc/<pid>/stat} field 22, in clock ticks
	 * since boot), or {@code -1} for a zombie or a process gone.
	 */
	static long startTime(long pid) {
		String[] fields = liveStat(pid);
		return (fields != null) ? parsePid(fields[START_TIME]) : -1;
	}

	/**
	 * Returns the fields of {@code /proc/<pid>/stat} of a live process after its command name
	 * (state, parent, process group, ..., start time at {@link #START_TIME}), or {@code null}
	 * for a zombie or a process gone.
	 */
	private static String @Nullable [] liveStat(long pid) {
		String stat = read(pid, "stat");
		// "pid (comm) S ppid pgrp ...": comm may hold spaces and parentheses
		int end = (stat != null) ? stat.lastIndexOf(')') : -1;
		if (stat == null || end < 0 || end + 2 >= stat.length()) {
			return null;
		}
		char state = stat.charAt(end + 2);
		if (state == 'Z' || state == 'X') {
			return null;
		}
		String[] fields = stat.substring(end + 2).split(" ", START_TIME + 2);
		return (fields.length > START_TIME) ? fields : null;
	}

	/**
	 * Returns the value of the marker variable in the initial environment of a process, or
	 * {@code null} (also for zombies, whose environment reads empty).
	 */
	static @Nullable String markerValue(long pid) {
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
