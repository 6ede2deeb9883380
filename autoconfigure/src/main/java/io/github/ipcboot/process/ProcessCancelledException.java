package io.github.ipcboot.process;

/**
 * Raised when a process was cancelled; its process tree was terminated. The message ends with the
 * last lines of standard error, bounded and with sensitive arguments redacted. To get the
 * {@link ProcessOutcome#CANCELLED} result without this exception, build the spec with
 * {@code check(false)}.
 *
 * @since 0.1.0
 */
public class ProcessCancelledException extends ProcessResultException {

	/**
	 * Creates an exception.
	 * @param result the result of the run
	 */
	public ProcessCancelledException(ProcessResult result) {
		super(describe(result) + " was cancelled: " + result.describeExit() + StderrExcerpt.of(result), result);
	}

}
