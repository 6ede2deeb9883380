package io.github.ipcboot.process;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a tracked process, safe to log and to show on an endpoint (sensitive arguments
 * are redacted when it is printed).
 *
 * @param pid the process id
 * @param name the configured command name, or {@code null} for an ad-hoc command
 * @param command the argument vector
 * @param startTime when the process was started
 * @param state what the process is doing
 * @since 0.1.0
 */
public record ProcessInfo(long pid, @Nullable String name, CommandLine command, Instant startTime,
		ProcessState state) {

	/**
	 * Returns the name used in logs and metrics: the configured command name, or {@code adhoc}.
	 * @return the name
	 */
	public String displayName() {
		return (this.name != null) ? this.name : "adhoc";
	}

}
