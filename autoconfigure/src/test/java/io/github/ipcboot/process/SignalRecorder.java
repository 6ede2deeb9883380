package io.github.ipcboot.process;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link ProcessListener} that records every signal the service sends to the processes of its
 * runs, for tests that check a leftover was terminated.
 */
final class SignalRecorder implements ProcessListener {

	private final List<ProcessSignal> signals = new CopyOnWriteArrayList<>();

	@Override
	public void processSignalled(ProcessInfo process, ProcessSignal signal, int count) {
		this.signals.add(signal);
	}

	/**
	 * Returns the signals sent so far, oldest first.
	 */
	List<ProcessSignal> signals() {
		return this.signals;
	}

}
