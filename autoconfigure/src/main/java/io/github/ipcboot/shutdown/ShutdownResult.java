package io.github.ipcboot.shutdown;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How a graceful shutdown ended.
 *
 * @param drained whether everything finished in time: no connection had to be closed with work in
 * flight, no process had to be terminated and no client request was left without its reply
 * @param duration how long the shutdown took, drain delay included
 * @param forcedConnections connections still open when the timeout ran out
 * @param forcedProcesses processes still running when the timeout ran out, then terminated
 * @param pendingRequests client requests still without a reply when the timeout ran out
 * @param signal the signal that began the shutdown, e.g. {@code TERM}, or {@code null} when the
 * application context was closed without one
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public record ShutdownResult(boolean drained, Duration duration, int forcedConnections, int forcedProcesses,
		int pendingRequests, @Nullable String signal) {

	/**
	 * Return the exit code the JVM ends with after a signal-initiated shutdown: 0 when drained,
	 * {@link #FORCED_EXIT_CODE} otherwise.
	 * @return the exit code
	 */
	public int exitCode() {
		return this.drained ? 0 : FORCED_EXIT_CODE;
	}

	/**
	 * Return the value of the {@code result} tag of the shutdown meter.
	 * @return {@code drained} or {@code forced}
	 */
	public String resultName() {
		return this.drained ? "drained" : "forced";
	}

	/** The exit code after a shutdown that had to force connections or processes closed. */
	public static final int FORCED_EXIT_CODE = 1;

}
