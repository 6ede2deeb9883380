package io.github.ipcboot.process.actuate;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import io.github.ipcboot.process.ProcessOutcome;
import io.github.ipcboot.process.ProcessResult;

/**
 * The {@link Observation.Context} of one process run, from the moment the process started (or
 * failed to start) until its result was built.
 *
 * @since 0.1.0
 */
public class ProcessObservationContext extends Observation.Context {

	private final String command;

	private final long pid;

	private @Nullable ProcessResult result;

	/**
	 * Creates a context.
	 * @param command the configured command name, or {@code adhoc}
	 * @param pid the process id, or {@code -1} if the process did not start
	 */
	public ProcessObservationContext(String command, long pid) {
		this.command = command;
		this.pid = pid;
	}

	/**
	 * Returns the name the run is measured under.
	 * @return the configured command name, or {@code adhoc}
	 */
	public String getCommand() {
		return this.command;
	}

	/**
	 * Returns the process id.
	 * @return the pid, or {@code -1} if the process did not start
	 */
	public long getPid() {
		return this.pid;
	}

	/**
	 * Returns the result of the run, once it has finished.
	 * @return the result, or {@code null} while the process runs
	 */
	public @Nullable ProcessResult getResult() {
		return this.result;
	}

	/**
	 * Sets the result of the run, before the observation stops.
	 * @param result the result
	 */
	public void setResult(ProcessResult result) {
		this.result = result;
	}

	/**
	 * Returns how the run ended, once it has finished.
	 * @return the outcome, or {@code null} while the process runs
	 */
	public @Nullable ProcessOutcome getOutcome() {
		return (this.result != null) ? this.result.outcome() : null;
	}

}
