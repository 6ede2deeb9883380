package io.github.ipcboot.shutdown;

import java.time.Duration;

/**
 * The longest a graceful shutdown can take, term by term, as a formula a deployment can check its
 * own limits against (a Kubernetes {@code terminationGracePeriodSeconds}, say, after any
 * {@code preStop} wait): the drain delay, the drain's timeout, the termination of the processes
 * still running then (their grace, the wait for killed processes to disappear, the wait for their
 * output pipes), the time their connections get to write a reply and close after it, and the
 * phase of the web server's own graceful shutdown, which follows the drain. Everything else in the
 * close is expected to take no time worth counting; {@link #hardDeadline()} adds
 * {@link #HARD_DEADLINE_MARGIN} for it.
 *
 * @param drainDelay {@code ipc.shutdown.drain-delay}
 * @param timeout {@code ipc.shutdown.timeout}
 * @param termination the longest termination of the processes still running at the timeout:
 * {@code ipc.process.termination-grace} + the kill wait + {@code ipc.process.output-drain-timeout}
 * ({@code DefaultProcessService#getTerminationBound()}, which also bounds the wait for starts still
 * in flight when the service closes), zero without a process service
 * @param afterTermination how long connections get to write a reply and close after the
 * termination ({@link #AFTER_TERMINATION}), zero without a process service
 * @param webServerPhase {@code spring.lifecycle.timeout-per-shutdown-phase} for a web server that
 * shuts down gracefully, zero otherwise
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public record ShutdownBudget(Duration drainDelay, Duration timeout, Duration termination, Duration afterTermination,
		Duration webServerPhase) {

	/** After terminating processes: how long their connections get to write a reply and close. */
	public static final Duration AFTER_TERMINATION = Duration.ofSeconds(2);

	/**
	 * What the JVM gets beyond {@link #total()} before the hard deadline halts it: the rest of the
	 * context's close and the JVM's own exit.
	 */
	public static final Duration HARD_DEADLINE_MARGIN = Duration.ofSeconds(5);

	/**
	 * Return the longest the graceful shutdown can take: the sum of every term.
	 * @return the total
	 */
	public Duration total() {
		return this.drainDelay.plus(this.timeout)
			.plus(this.termination)
			.plus(this.afterTermination)
			.plus(this.webServerPhase);
	}

	/**
	 * Return the default of {@code ipc.shutdown.hard-deadline}: {@link #total()} +
	 * {@link #HARD_DEADLINE_MARGIN}.
	 * @return the deadline, counted from the signal
	 */
	public Duration hardDeadline() {
		return total().plus(HARD_DEADLINE_MARGIN);
	}

	/**
	 * Return the formula with its values, e.g. for a log line.
	 * @return {@code drain-delay 5000 ms + timeout 30000 ms + ... = 56000 ms}
	 */
	@Override
	public String toString() {
		return "drain-delay " + this.drainDelay.toMillis() + " ms + timeout " + this.timeout.toMillis()
				+ " ms + termination " + this.termination.toMillis() + " ms + after-termination "
				+ this.afterTermination.toMillis() + " ms + web server phase " + this.webServerPhase.toMillis()
				+ " ms = " + total().toMillis() + " ms";
	}

}
