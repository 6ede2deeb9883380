package io.github.ipcboot.process;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link ProcessSpec} into a started {@link Process}; the argument vector goes to the
 * program as it is, never through a shell. The narrow seam where launchers plug in:
 * {@link JdkProcessLauncher} ({@link ProcessBuilder}) on every JDK, and on JDK 22+ a launcher
 * that calls {@code posix_spawn} through the Foreign Function &amp; Memory API
 * ({@code META-INF/versions/22} of the jar). {@link ProcessLaunchers} picks one.
 */
interface ProcessLauncher {

	/**
	 * Starts the program of the spec.
	 * @param spec what to run
	 * @param marker a {@code NAME=VALUE} environment entry to add, or {@code null}
	 * @return the started process
	 * @throws IOException if the program could not be started
	 */
	Process launch(ProcessSpec spec, @Nullable String marker) throws IOException;

	/**
	 * Returns the name of the launcher, as in {@code ipc.process.launcher}.
	 * @return {@code jdk} or {@code native}
	 */
	String name();

	/**
	 * Returns whether every process this launcher starts leads a process group (and session) of
	 * its own, with the process group id equal to its pid.
	 * @return whether roots lead their own group
	 */
	boolean newProcessGroup();

	/**
	 * Returns whether the streams of the processes this launcher starts may be read and written
	 * on virtual threads: a blocking read that the JDK does not compensate for would hold a
	 * carrier thread, and with every carrier held no other pump or feeder runs.
	 * @return whether pumps may be virtual threads
	 */
	default boolean pumpsOnVirtualThreads() {
		return true;
	}

	/**
	 * Returns whether a process group has live members (zombies may count).
	 * @param pgid the process group, led by a root this launcher started
	 * @param ageNanos how long ago that root was started
	 * @return whether the group may have live members
	 */
	default boolean groupExists(long pgid, long ageNanos) {
		return !ProcessTable.AVAILABLE || !ProcessTable.find(pgid, null, pgid, ageNanos).isEmpty();
	}

	/**
	 * Sends a signal to a whole process group at once, where the launcher can.
	 * @param pgid the process group
	 * @param signal the signal
	 * @return whether the signal was sent to at least one process
	 */
	default boolean signalGroup(long pgid, ProcessSignal signal) {
		return false;
	}

	/**
	 * Returns why the program of a run never ran, where the launcher starts it through another
	 * program that reports a failed {@code exec} only by its exit code and a message on stderr.
	 * @param spec what was run
	 * @param exitCode the exit code of the process
	 * @param stderr what the process wrote to stderr (to stdout when merged), as captured
	 * @return the reason in the JDK's words ({@code Cannot run program ...}), or {@code null}
	 * when the program ran
	 */
	default @Nullable String execFailure(ProcessSpec spec, int exitCode, CapturedOutput stderr) {
		return null;
	}

}
