package io.github.ipcboot.process;

/**
 * Raised when a process exited with an exit code that is not allowed, or was killed by a signal the
 * service did not send.
 *
 * @since 0.1.0
 */
public class ProcessFailedException extends ProcessResultException {

	/**
	 * Creates an exception.
	 * @param result the result of the run
	 */
	public ProcessFailedException(ProcessResult result) {
		super(describe(result) + " " + result.describeExit(), result);
	}

}
