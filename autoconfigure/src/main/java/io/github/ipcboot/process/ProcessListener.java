package io.github.ipcboot.process;

/**
 * Observes the runs of a {@link DefaultProcessService}, for metrics and auditing. Methods are
 * called on service threads and must return quickly; an exception they throw is logged and
 * ignored. Every bean of this type is registered by the auto-configuration.
 *
 * @since 0.1.0
 */
public interface ProcessListener {

	/**
	 * Called when a process has started.
	 * @param process the process
	 */
	default void processStarted(ProcessInfo process) {
	}

	/**
	 * Called once for every run that finished, whatever the outcome, including
	 * {@link ProcessOutcome#START_FAILED}.
	 * @param result the result
	 */
	default void processFinished(ProcessResult result) {
	}

	/**
	 * Called when a run is rejected for lack of capacity.
	 * @param exception the rejection
	 */
	default void processRejected(ProcessRejectedException exception) {
	}

	/**
	 * Called when the service sends a signal to a process tree (timeout, cancellation or
	 * shutdown).
	 * @param process the root of the tree
	 * @param signal the signal
	 * @param count how many processes of the tree received it
	 */
	default void processSignalled(ProcessInfo process, ProcessSignal signal, int count) {
	}

}
