package io.github.ipcboot.shutdown;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

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
 * @param hardDeadline how long the whole shutdown may take from the first signal (or from the
 * start of a drain while the JVM exits) before the JVM is halted; {@code null} for
 * {@link ShutdownBudget#hardDeadline()}
 * @param drainedExitCode the exit code after a signal when everything drained
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public record ShutdownSettings(List<String> signals, List<String> eventSignals, Duration drainDelay,
		Duration timeout, boolean handleSignals, @Nullable Duration hardDeadline, DrainedExitCode drainedExitCode) {

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
		if (hardDeadline != null && (hardDeadline.isNegative() || hardDeadline.isZero())) {
			throw new IllegalArgumentException("ipc.shutdown.hard-deadline must be positive, got " + hardDeadline);
		}
		for (String signal : signals) {
			if (eventSignals.contains(signal)) {
				throw new IllegalArgumentException("Signal " + signal
						+ " is both in ipc.shutdown.signals and ipc.shutdown.event-signals; choose one");
			}
		}
	}

}
