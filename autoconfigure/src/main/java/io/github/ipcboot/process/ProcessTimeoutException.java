package io.github.ipcboot.process;

/**
 * Raised when a process ran longer than its timeout; its process tree was terminated and the
 * result holds the output captured until then. The message ends with the last lines of standard
 * error, bounded and with sensitive arguments redacted.
 *
 * @since 0.1.0
 */
public class ProcessTimeoutException extends ProcessResultException {

	/**
	 * Creates an exception.
	 * @param result the result of the run
	 */
	public ProcessTimeoutException(ProcessResult result) {
		super(describe(result) + " timed out: " + result.describeExit() + "; captured "
				+ result.stdout().totalBytes() + " bytes of stdout and " + result.stderr().totalBytes()
				+ " bytes of stderr" + StderrExcerpt.of(result), result);
	}

}
