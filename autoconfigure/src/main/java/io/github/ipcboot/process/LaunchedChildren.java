package io.github.ipcboot.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pids of the children this JVM's launchers started whose exit has not been collected yet:
 * a thread of the JDK or of the native launcher waits for each of them, so the orphan reaper
 * (JDK 22+, when the JVM is PID 1 or a child subreaper) must never reap one and take its exit
 * status. A pid is added as soon as its launcher has it and removed once it has been reaped.
 */
final class LaunchedChildren {

	private static final Set<Long> PIDS = ConcurrentHashMap.newKeySet();

	private LaunchedChildren() {
	}

	static void add(long pid) {
		PIDS.add(pid);
	}

	static void remove(long pid) {
		PIDS.remove(pid);
	}

	static boolean contains(long pid) {
		return PIDS.contains(pid);
	}

	/**
	 * Tracks a process the JDK started until the JDK has reaped it ({@link Process#onExit()}
	 * completes after {@link Process#waitFor()} has the exit code).
	 * @return the process
	 */
	static Process track(Process process) {
		long pid = process.pid();
		add(pid);
		process.onExit().whenComplete((exited, ex) -> remove(pid));
		return process;
	}

}
