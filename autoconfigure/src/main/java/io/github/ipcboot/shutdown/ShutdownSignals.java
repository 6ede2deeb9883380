package io.github.ipcboot.shutdown;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.github.ipcboot.shutdown.DrainSequence.Leftovers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import sun.misc.Signal;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the shutdown signals ({@code TERM}, {@code INT}) do, from start-up to the JVM's exit. The
 * first one arms the hard deadline and closes the context on a thread of its own, which then
 * exits the JVM with the code of the result; when a close begun otherwise is under way that
 * thread waits for it. Any further signal kills every process tree, closes every connection and
 * halts the JVM with 128 + the signal's number, logging what it interrupted: the drain, or the
 * rest of the close after a drain that had ended.
 */
final class ShutdownSignals {

	/** The coordinator's category: one place to turn the shutdown's log lines up or down. */
	private static final Log logger = LogFactory.getLog(GracefulShutdownCoordinator.class);

	private final GracefulShutdownCoordinator coordinator;

	private final ConfigurableApplicationContext context;

	private final DrainSequence drain;

	private final ShutdownWatch watch;

	private final AtomicReference<@Nullable String> first = new AtomicReference<>();

	/**
	 * The code a further signal halts with, set before it aborts anything: the drain it empties
	 * must not pass for drained, nor the closing thread exit with another code.
	 */
	private volatile int forcedCode = NOT_FORCED;

	private static final int NOT_FORCED = -1;

	/** How long the closing thread leaves a further signal's abort to halt the JVM itself. */
	private static final Duration FORCED_HALT_GRACE = Duration.ofSeconds(5);

	ShutdownSignals(GracefulShutdownCoordinator coordinator, ConfigurableApplicationContext context,
			DrainSequence drain, ShutdownWatch watch) {
		this.coordinator = coordinator;
		this.context = context;
		this.drain = drain;
		this.watch = watch;
	}

	/**
	 * Return the name of the first shutdown signal, e.g. {@code TERM}.
	 * @return the name, or {@code null} before any
	 */
	@Nullable String first() {
		return this.first.get();
	}

	/**
	 * Return whether a further signal is forcing the end: what the drain sees from then on is
	 * what the abort left, not a drain.
	 */
	boolean isForcing() {
		return this.forcedCode != NOT_FORCED;
	}

	/**
	 * React to a shutdown signal, on a JVM signal thread.
	 */
	void onSignal(Signal signal) {
		if (!this.first.compareAndSet(null, signal.getName())) {
			forceExit(signal);
			return;
		}
		Duration deadline = this.coordinator.getHardDeadline();
		this.watch.arm(deadline, 128 + signal.getNumber(), "SIG" + signal.getName());
		String bound = " (hard deadline in " + deadline.toMillis() + " ms)";
		if (this.coordinator.isStopping()) {
			logger.info("Received SIG" + signal.getName() + " while a graceful shutdown begun otherwise runs: "
					+ "the JVM exits once the application context has closed; another signal forces the end" + bound);
		}
		else {
			logger.info("Received SIG" + signal.getName() + ": beginning the graceful shutdown" + bound);
		}
		Thread closer = new Thread(() -> closeAndExit(signal), "ipc-shutdown");
		// not a daemon (as the signal thread is): the JVM must not end before it chose the code
		closer.setDaemon(false);
		closer.start();
	}

	private void closeAndExit(Signal signal) {
		int code = ShutdownResult.FORCED_EXIT_CODE;
		try {
			// waits for a close (or a start-up) under way on another thread
			this.context.close();
			code = exitCode(this.coordinator.getResult(), signal);
		}
		catch (RuntimeException ex) {
			logger.error("Closing the application context after SIG" + signal.getName() + " failed", ex);
		}
		finally {
			int forced = this.forcedCode;
			if (forced != NOT_FORCED) {
				// a further signal is halting the JVM: it ends with that code, not the drain's;
				// the signal's thread halts once it has aborted and logged, or this one does
				// the JVM halts either way: an interrupt must not turn the wait into a spin
				Thread.interrupted();
				long end = System.nanoTime() + FORCED_HALT_GRACE.toNanos();
				for (long left = FORCED_HALT_GRACE.toNanos(); left > 0; left = end - System.nanoTime()) {
					// parkNanos may return early
					LockSupport.parkNanos(left);
				}
				Runtime.getRuntime().halt(forced);
			}
			logger.debug("Exiting with code " + code + " after SIG" + signal.getName());
			System.exit(code);
		}
	}

	private int exitCode(@Nullable ShutdownResult outcome, Signal signal) {
		if (outcome != null && !outcome.drained()) {
			return ShutdownResult.FORCED_EXIT_CODE;
		}
		return (this.coordinator.settings().drainedExitCode() == DrainedExitCode.SIGNAL) ? 128 + signal.getNumber()
				: 0;
	}

	/**
	 * A further signal: end everything now, saying what this interrupted.
	 */
	private void forceExit(Signal signal) {
		int code = 128 + signal.getNumber();
		// what this signal interrupts, judged before its abort changes what the drain sees
		boolean duringDrain = this.coordinator.isDraining();
		ShutdownResult ended = this.coordinator.getResult();
		boolean stopping = this.coordinator.isStopping();
		this.forcedCode = code;
		try {
			Leftovers aborted = this.drain.abort();
			this.coordinator.endDrainDelay();
			String received = "Received SIG" + signal.getName();
			String killed = " (" + aborted.processes() + " processes killed, " + aborted.connections()
					+ " connections closed)";
			if (duringDrain || ended == null && stopping) {
				logger.warn(received + " during the graceful shutdown: forced exit with code " + code + killed);
			}
			else if (ended != null) {
				logger.warn(received + " after the graceful shutdown had ended (" + ended.resultName()
						+ "), while the application context was still closing: halting with code " + code + killed);
			}
			else {
				logger.warn(received + " again before the graceful shutdown began: halting with code " + code + killed);
			}
		}
		finally {
			// whatever aborting or logging threw, the forced end halts
			Runtime.getRuntime().halt(code);
		}
	}

}
