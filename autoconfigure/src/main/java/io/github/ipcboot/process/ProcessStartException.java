package io.github.ipcboot.process;

/**
 * Raised when a process could not be started;
 * {@link ProcessResult#failureReason()} holds the operating system's reason.
 *
 * @since 0.1.0
 */
public class ProcessStartException extends ProcessResultException {

	/**
	 * Creates an exception.
	 * @param result the result of the run
	 */
	public ProcessStartException(ProcessResult result) {
		super(describe(result) + " " + result.describeExit(), result);
	}

}
