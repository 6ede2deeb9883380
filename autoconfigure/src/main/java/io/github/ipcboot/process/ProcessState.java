package io.github.ipcboot.process;

/**
 * The state of a process in the {@link ProcessRegistry}.
 *
 * @since 0.1.0
 */
public enum ProcessState {

	/**
	 * The process is running, or has exited and its output is being drained.
	 */
	RUNNING,

	/**
	 * The process tree is being terminated (timeout, cancellation or shutdown).
	 */
	TERMINATING

}
