package io.github.ipcboot.process;

/**
 * Raised when a process run did not succeed; carries the whole {@link ProcessResult}, including
 * the output captured so far, like Python's {@code CalledProcessError} and
 * {@code TimeoutExpired}.
 *
 * @since 0.1.0
 */
public abstract class ProcessResultException extends ProcessException {

	private final transient ProcessResult result;

	/**
	 * Creates an exception.
	 * @param message the message
	 * @param result the result of the run
	 */
	protected ProcessResultException(String message, ProcessResult result) {
		super(message);
		this.result = result;
	}

	/**
	 * Returns the result of the run.
	 * @return the result
	 */
	public ProcessResult getResult() {
		return this.result;
	}

	/**
	 * Returns the exception for a result that did not succeed.
	 * @param result the result
	 * @return the exception matching its outcome
	 */
	public static ProcessResultException of(ProcessResult result) {
		return switch (result.outcome()) {
			case TIMED_OUT -> new ProcessTimeoutException(result);
			case CANCELLED -> new ProcessCancelledException(result);
			case START_FAILED -> new ProcessStartException(result);
			case FAILED, SUCCESS -> new ProcessFailedException(result);
		};
	}

	static String describe(ProcessResult result) {
		return "Command '" + result.displayName() + "' " + result.command() + " (pid " + result.pid() + ")";
	}

}
