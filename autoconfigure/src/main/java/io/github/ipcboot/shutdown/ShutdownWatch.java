package io.github.ipcboot.shutdown;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Watches one shutdown from the start of the drain to the JVM's exit, on a daemon thread of its
 * own: once armed (by a shutdown signal, or by a close that runs while the JVM exits) it halts a
 * JVM that is still up at the hard deadline, after killing the process trees still running and
 * logging what was still going on; unarmed, it reports the end of the application context's close
 * (so that signal handlers can be given back to a JVM that lives on).
 */
final class ShutdownWatch {

	private static final Log logger = LogFactory.getLog(ShutdownWatch.class);

	/** How often the watch looks at the clock and the context. */
	private static final long POLL_NANOS = Duration.ofMillis(50).toNanos();

	/** How many frames of each thread the halt's log line shows. */
	private static final int FRAMES = 12;

	private final BooleanSupplier contextActive;

	private final Runnable closedWithoutSignal;

	private final IntSupplier killAll;

	private @Nullable Thread thread;

	private volatile boolean armed;

	private volatile long deadlineNanos;

	private volatile Duration deadline = Duration.ZERO;

	private volatile int haltCode;

	private volatile String cause = "";

	/**
	 * Create a watch.
	 * @param contextActive whether the application context is still active (not yet fully closed)
	 * @param closedWithoutSignal called once when the context has closed and the watch was never armed
	 * @param killAll kills every process tree still running, returns how many processes it signalled
	 */
	ShutdownWatch(BooleanSupplier contextActive, Runnable closedWithoutSignal, IntSupplier killAll) {
		this.contextActive = contextActive;
		this.closedWithoutSignal = closedWithoutSignal;
		this.killAll = killAll;
	}

	/**
	 * Begin watching, unless the watch runs: the drain has begun or a signal arrived.
	 */
	synchronized void start() {
		Thread current = this.thread;
		if (current == null || !current.isAlive()) {
			Thread watcher = new Thread(this::watch, "ipc-shutdown-watch");
			watcher.setDaemon(true);
			this.thread = watcher;
			watcher.start();
		}
	}

	/**
	 * Halt the JVM if it is still up after the deadline; only the first call counts.
	 * @param deadline the hard deadline, from now
	 * @param code the exit code of the halt
	 * @param cause what began the shutdown, for the log line, e.g. {@code SIGTERM}
	 */
	synchronized void arm(Duration deadline, int code, String cause) {
		if (!this.armed) {
			this.deadline = deadline;
			this.deadlineNanos = System.nanoTime() + deadline.toNanos();
			this.haltCode = code;
			this.cause = cause;
			this.armed = true;
		}
		start();
	}

	private void watch() {
		while (true) {
			if (this.armed) {
				if (System.nanoTime() - this.deadlineNanos >= 0) {
					halt();
					return;
				}
			}
			else if (!this.contextActive.getAsBoolean()) {
				this.closedWithoutSignal.run();
				if (!this.armed) {
					return;
				}
			}
			LockSupport.parkNanos(POLL_NANOS);
		}
	}

	private void halt() {
		try {
			int killed = this.killAll.getAsInt();
			logger.error("Shutdown still not finished " + this.deadline.toMillis() + " ms after " + this.cause
					+ " (ipc.shutdown.hard-deadline): halting with code " + this.haltCode + " (" + killed
					+ " processes killed); still running:" + runningThreads());
		}
		finally {
			// whatever killing or logging threw, the deadline is the deadline
			Runtime.getRuntime().halt(this.haltCode);
		}
	}

	/**
	 * The JVM's live non-daemon threads (those that keep it up, or the close's own) with the top
	 * of their stacks.
	 */
	private static String runningThreads() {
		StringBuilder text = new StringBuilder();
		for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
			Thread thread = entry.getKey();
			if (thread.isDaemon() || thread == Thread.currentThread() || thread.getName().equals("DestroyJavaVM")) {
				continue;
			}
			text.append(System.lineSeparator()).append("  thread '").append(thread.getName()).append("' ")
				.append(thread.getState());
			StackTraceElement[] frames = entry.getValue();
			for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
				text.append(System.lineSeparator()).append("    at ").append(frames[i]);
			}
		}
		return text.toString();
	}

}
