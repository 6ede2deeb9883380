package io.github.ipcboot.process;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What happened when a process ran. Its {@code toString()} shows sensitive arguments redacted and
 * no output, so a result can be logged safely.
 *
 * @param command the argument vector that was run
 * @param name the configured command name, or {@code null} for an ad-hoc command
 * @param pid the process id, or {@code -1} if the process did not start
 * @param exitCode the exit status as the JDK reports it ({@code 128 + n} for death by signal
 * {@code n}), or {@code -1} if the process did not start
 * @param signal the signal the process died by, or {@code null}
 * @param stdout the captured standard output (also holds standard error when merged)
 * @param stderr the captured standard error
 * @param startTime when the process was started
 * @param duration how long the run took, from start until its output was drained
 * @param outcome how the run ended
 * @param failureReason why the process could not be started (the operating system's reason), or
 * why its output could not be written to its {@link ProcessOutput} target, or {@code null}
 * @since 0.1.0
 */
public record ProcessResult(CommandLine command, @Nullable String name, long pid, int exitCode,
		@Nullable ProcessSignal signal, CapturedOutput stdout, CapturedOutput stderr, Instant startTime,
		Duration duration, ProcessOutcome outcome, @Nullable String failureReason) {

	/**
	 * Returns whether the run succeeded.
	 * @return whether the outcome is {@link ProcessOutcome#SUCCESS}
	 */
	public boolean isSuccess() {
		return this.outcome == ProcessOutcome.SUCCESS;
	}

	/**
	 * Returns the captured standard output as text.
	 * @return the text
	 * @throws OutputTruncatedException if the output is truncated
	 * @see CapturedOutput#text()
	 */
	public String stdoutText() {
		return this.stdout.text();
	}

	/**
	 * Returns the captured standard error as text.
	 * @return the text
	 * @throws OutputTruncatedException if the output is truncated
	 * @see CapturedOutput#text()
	 */
	public String stderrText() {
		return this.stderr.text();
	}

	/**
	 * Returns the name used for this run in logs and metrics: the configured command name, or
	 * {@code adhoc}.
	 * @return the name
	 */
	public String displayName() {
		return (this.name != null) ? this.name : "adhoc";
	}

	/**
	 * Raises the exception that matches the outcome unless the run succeeded, like Python's
	 * {@code CompletedProcess.check_returncode()}.
	 * @return this result, if it succeeded
	 * @throws ProcessResultException if the run did not succeed
	 */
	public ProcessResult check() {
		if (!isSuccess()) {
			throw ProcessResultException.of(this);
		}
		return this;
	}

	/**
	 * Describes how the run ended, for messages: the exit code, or the signal, or the reason it
	 * did not start.
	 * @return the description
	 */
	public String describeExit() {
		if (this.outcome == ProcessOutcome.START_FAILED) {
			return "failed to start: " + this.failureReason;
		}
		String status = (this.signal != null) ? "killed by " + this.signal + " (exit code " + this.exitCode + ")"
				: "exited with code " + this.exitCode;
		status = status + " after " + this.duration.toMillis() + " ms";
		return (this.failureReason != null) ? status + "; " + this.failureReason : status;
	}

	@Override
	public String toString() {
		return "ProcessResult[" + displayName() + " " + this.command + ", pid " + this.pid + ", " + this.outcome + ", "
				+ describeExit() + ", stdout " + this.stdout + ", stderr " + this.stderr + "]";
	}

}
