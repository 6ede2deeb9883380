package io.github.ipcboot.shutdown;

/**
 * The exit code of the JVM after a graceful shutdown begun by a signal that drained everything
 * (one that had to force anything exits with {@link ShutdownResult#FORCED_EXIT_CODE}).
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public enum DrainedExitCode {

	/** Exit with 0: the service stopped as asked. */
	ZERO,

	/**
	 * Exit with 128 + the signal's number (143 for {@code TERM}), as a process the signal ended:
	 * a Kubernetes Job whose pod was stopped then counts as failed, not succeeded.
	 */
	SIGNAL

}
