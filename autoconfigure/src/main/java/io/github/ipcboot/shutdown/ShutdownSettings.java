package io.github.ipcboot.shutdown;

import java.time.Duration;
import java.util.List;

/**
 * Settings of the graceful shutdown, usually bound from {@code ipc.shutdown}.
 *
 * @param signals the signals that begin a graceful shutdown, e.g. {@code TERM}, {@code INT}
 * @param eventSignals the signals that publish a {@link SignalReceivedEvent} and stop nothing
 * @param drainDelay how long readiness reports {@code REFUSING_TRAFFIC} before servers stop
 * accepting, so that load balancers stop sending new clients first
 * @param timeout how long connections and processes get to finish after the drain delay
 * @param handleSignals whether to install signal handlers at all (false leaves only the drain on
 * context close)
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public record ShutdownSettings(List<String> signals, List<String> eventSignals, Duration drainDelay,
		Duration timeout, boolean handleSignals) {

	/**
	 * Validate and copy the settings.
	 */
	public ShutdownSettings {
		signals = List.copyOf(signals);
		eventSignals = List.copyOf(eventSignals);
		if (drainDelay.isNegative() || timeout.isNegative()) {
			throw new IllegalArgumentException(
					"ipc.shutdown.drain-delay and timeout must not be negative, got " + drainDelay + " and " + timeout);
		}
		for (String signal : signals) {
			if (eventSignals.contains(signal)) {
				throw new IllegalArgumentException("Signal " + signal
						+ " is both in ipc.shutdown.signals and ipc.shutdown.event-signals; choose one");
			}
		}
	}

}
