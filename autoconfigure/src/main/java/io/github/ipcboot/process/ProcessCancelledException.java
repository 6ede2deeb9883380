package io.github.ipcboot.process;

/**
 * Raised when a process was cancelled; its process tree was terminated.
 *
 * @since 0.1.0
 */
public class ProcessCancelledException extends ProcessResultException {

	/**
	 * Creates an exception.
	 * @param result the result of the run
	 */
	public ProcessCancelledException(ProcessResult result) {
		super(describe(result) + " was cancelled: " + result.describeExit(), result);
	}

}
