package io.github.ipcboot.process;

/**
 * How a process run ended.
 *
 * @since 0.1.0
 */
public enum ProcessOutcome {

	/**
	 * The process exited with an allowed exit code.
	 */
	SUCCESS,

	/**
	 * The process exited with an exit code outside the allowed ones, or was killed by a signal
	 * the service did not send.
	 */
	FAILED,

	/**
	 * The process ran longer than its timeout and its process tree was terminated.
	 */
	TIMED_OUT,

	/**
	 * The process was cancelled (by {@link RunningProcess#cancel()}, an interrupted caller or the
	 * service shutting down) and its process tree was terminated.
	 */
	CANCELLED,

	/**
	 * The process could not be started, for example because the executable does not exist or
	 * is not executable.
	 */
	START_FAILED

}
