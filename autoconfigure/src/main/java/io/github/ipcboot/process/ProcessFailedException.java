package io.github.ipcboot.process;

/**
 * Raised when a process exited with an exit code that is not allowed, was killed by a signal the
 * service did not send, or its output could not be written to its {@link ProcessOutput} target.
 * The message ends with the last lines of standard error, bounded and with sensitive arguments
 * redacted.
 *
 * @since 0.1.0
 */
public class ProcessFailedException extends ProcessResultException {

	/**
	 * Creates an exception.
	 * @param result the result of the run
	 */
	public ProcessFailedException(ProcessResult result) {
		super(describe(result) + " " + result.describeExit() + StderrExcerpt.of(result), result);
	}

}
