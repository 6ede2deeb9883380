package io.github.ipcboot.shutdown.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.github.ipcboot.shutdown.DrainedExitCode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Configuration properties of the graceful shutdown.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
@ConfigurationProperties(prefix = "ipc.shutdown", ignoreUnknownFields = false)
public class ShutdownProperties {

	/**
	 * Whether the starter drains TCP servers, clients and processes when the application
	 * context closes and handles shutdown signals; false leaves Spring Boot's plain behaviour.
	 */
	private boolean enabled = true;

	/**
	 * Whether to install signal handlers; false keeps only the drain on context close.
	 */
	private boolean handleSignals = true;

	/**
	 * Signals that begin a graceful shutdown (names without SIG); a second one during the drain
	 * forces the exit.
	 */
	private List<String> signals = new ArrayList<>(List.of("TERM", "INT"));

	/**
	 * Signals that publish a SignalReceivedEvent and stop nothing (names without SIG).
	 */
	private List<String> eventSignals = new ArrayList<>(List.of("HUP"));

	/**
	 * Time between readiness turning REFUSING_TRAFFIC and the servers refusing new connections.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration drainDelay = Duration.ZERO;

	/**
	 * Time connections and processes get to finish after the drain delay; processes still running
	 * then are terminated.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration timeout = Duration.ofSeconds(30);

	/**
	 * Time the whole shutdown may take from the first signal before the JVM is halted, process
	 * trees killed first; by default drain-delay + timeout + the termination of left-over
	 * processes + a shutdown phase per web server + 5s (see ShutdownBudget).
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration hardDeadline;

	/**
	 * Exit code after a signal-initiated shutdown that drained everything: zero, or signal for
	 * 128 + the signal's number (so that a Kubernetes Job stopped by a signal counts as failed).
	 */
	private DrainedExitCode drainedExitCode = DrainedExitCode.ZERO;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isHandleSignals() {
		return this.handleSignals;
	}

	public void setHandleSignals(boolean handleSignals) {
		this.handleSignals = handleSignals;
	}

	public List<String> getSignals() {
		return this.signals;
	}

	public void setSignals(List<String> signals) {
		this.signals = signals;
	}

	public List<String> getEventSignals() {
		return this.eventSignals;
	}

	public void setEventSignals(List<String> eventSignals) {
		this.eventSignals = eventSignals;
	}

	public Duration getDrainDelay() {
		return this.drainDelay;
	}

	public void setDrainDelay(Duration drainDelay) {
		this.drainDelay = drainDelay;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public @Nullable Duration getHardDeadline() {
		return this.hardDeadline;
	}

	public void setHardDeadline(@Nullable Duration hardDeadline) {
		this.hardDeadline = hardDeadline;
	}

	public DrainedExitCode getDrainedExitCode() {
		return this.drainedExitCode;
	}

	public void setDrainedExitCode(DrainedExitCode drainedExitCode) {
		this.drainedExitCode = drainedExitCode;
	}

}
