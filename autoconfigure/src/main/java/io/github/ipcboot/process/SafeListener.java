package io.github.ipcboot.process;

import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Calls every {@link ProcessListener} in turn; one that throws is logged and does not stop the
 * others or the run.
 */
final class SafeListener implements ProcessListener {

	private static final Log logger = LogFactory.getLog(SafeListener.class);

	private final List<ProcessListener> listeners;

	SafeListener(List<ProcessListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public void processStarted(ProcessInfo process) {
		each((listener) -> listener.processStarted(process));
	}

	@Override
	public void processFinished(ProcessResult result) {
		each((listener) -> listener.processFinished(result));
	}

	@Override
	public void processRejected(ProcessRejectedException exception) {
		each((listener) -> listener.processRejected(exception));
	}

	@Override
	public void processSignalled(ProcessInfo process, ProcessSignal signal, int count) {
		each((listener) -> listener.processSignalled(process, signal, count));
	}

	private void each(Consumer<ProcessListener> call) {
		for (ProcessListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("Process listener " + listener + " failed", ex);
			}
		}
	}

}
