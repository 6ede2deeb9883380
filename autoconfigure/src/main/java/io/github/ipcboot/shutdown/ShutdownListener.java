package io.github.ipcboot.shutdown;

/**
 * Observes the graceful shutdown, for metrics and auditing. Every bean of this type is told by the
 * {@link GracefulShutdownCoordinator}; methods must return quickly and an exception they throw is
 * logged and ignored.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public interface ShutdownListener {

	/**
	 * Called when the shutdown begins, before readiness changes.
	 */
	default void shutdownStarted() {
	}

	/**
	 * Called when the drain has ended, drained or forced.
	 * @param result the result
	 */
	default void shutdownFinished(ShutdownResult result) {
	}

}
