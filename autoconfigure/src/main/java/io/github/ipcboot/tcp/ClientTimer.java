package io.github.ipcboot.tcp;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.tcp.TcpObserver.CloseReason;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The one thread of a {@link TcpClient} that enforces its deadlines: it aborts a connection whose
 * write passes its deadline (a blocking write has no timeout of its own), ends a TLS handshake
 * that takes longer than the connect timeout, and runs the eviction of idle pooled connections.
 * Its tasks only close sockets, which never block with {@link PooledConnection#abort}.
 */
final class ClientTimer {

	private static final Log logger = LogFactory.getLog(ClientTimer.class);

	private final String description;

	private final String threadNamePrefix;

	private volatile @Nullable ScheduledThreadPoolExecutor executor;

	/**
	 * Create the timer of a client.
	 * @param description the client, for messages
	 * @param threadNamePrefix the prefix of its thread's name
	 */
	ClientTimer(String description, String threadNamePrefix) {
		this.description = description;
		this.threadNamePrefix = threadNamePrefix;
	}

	synchronized void start() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(this.threadNamePrefix);
		threads.setDaemon(true);
		ScheduledThreadPoolExecutor created = new ScheduledThreadPoolExecutor(1, threads);
		created.setRemoveOnCancelPolicy(true);
		this.executor = created;
	}

	synchronized void stop() {
		ScheduledThreadPoolExecutor current = this.executor;
		this.executor = null;
		if (current != null) {
			current.shutdownNow();
		}
	}

	/**
	 * Run a task after a delay.
	 * @param task the task
	 * @param delayNanos the delay
	 * @return the task's future, to cancel it
	 * @throws TcpClientException if the client is stopped
	 */
	Future<?> schedule(Runnable task, long delayNanos) {
		ScheduledThreadPoolExecutor current = this.executor;
		try {
			if (current != null) {
				return current.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
			}
		}
		catch (RejectedExecutionException ex) {
			// stopping
		}
		throw new TcpClientException(this.description + " is stopped");
	}

	/**
	 * Run a task on the timer's thread soon, or on the caller's when the client is stopped.
	 * @param task the task
	 */
	void execute(Runnable task) {
		ScheduledThreadPoolExecutor current = this.executor;
		try {
			if (current != null) {
				current.execute(task);
				return;
			}
		}
		catch (RejectedExecutionException ex) {
			// stopping
		}
		task.run();
	}

	/**
	 * Run a task every period until the client stops; a run that throws is logged and the next
	 * one runs as planned.
	 * @param task the task
	 * @param period the period
	 */
	void repeat(Runnable task, Duration period) {
		ScheduledThreadPoolExecutor current = this.executor;
		if (current != null) {
			current.scheduleWithFixedDelay(() -> runLogged(task), period.toNanos(), period.toNanos(),
					TimeUnit.NANOSECONDS);
		}
	}

	private void runLogged(Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			// a task that throws would end scheduleWithFixedDelay for good
			logger.warn(this.description + ": a periodic task failed; it runs again at its next period", ex);
		}
	}

	/**
	 * Guard a write: abort the connection if the write has not ended by its deadline, or if the
	 * connection's TLS handshake has not completed by the handshake deadline.
	 * @param connection the connection written to
	 * @param deadline when the write must have ended ({@link System#nanoTime()})
	 * @param handshakeDeadline when the handshake must have completed, or {@link Long#MAX_VALUE}
	 * @return the guard, to end when the write returns
	 */
	WriteGuard guard(PooledConnection connection, long deadline, long handshakeDeadline) {
		WriteGuard guard = new WriteGuard(connection, deadline, handshakeDeadline);
		guard.arm(Math.min(deadline, handshakeDeadline));
		return guard;
	}

	/**
	 * The deadlines of one write.
	 */
	final class WriteGuard implements Runnable {

		private final PooledConnection connection;

		private final long deadline;

		private final long handshakeDeadline;

		private @Nullable Future<?> task;

		private @Nullable CloseReason fired;

		private boolean ended;

		WriteGuard(PooledConnection connection, long deadline, long handshakeDeadline) {
			this.connection = connection;
			this.deadline = deadline;
			this.handshakeDeadline = handshakeDeadline;
		}

		private synchronized void arm(long at) {
			if (!this.ended) {
				this.task = schedule(this, at - System.nanoTime());
			}
		}

		@Override
		public void run() {
			CloseReason reason;
			synchronized (this) {
				if (this.ended) {
					return;
				}
				long now = System.nanoTime();
				if (now - this.handshakeDeadline >= 0 && this.connection.isHandshaking()) {
					reason = CloseReason.HANDSHAKE_TIMEOUT;
				}
				else if (now - this.deadline >= 0) {
					reason = CloseReason.REPLY_TIMEOUT;
				}
				else {
					// the handshake completed in time: now only the write's own deadline counts
					this.task = schedule(this, this.deadline - now);
					return;
				}
				this.fired = reason;
			}
			this.connection.abort(reason);
		}

		/**
		 * The write has returned or thrown.
		 * @return why the guard aborted the connection, or {@code null} if it did not
		 */
		synchronized @Nullable CloseReason end() {
			this.ended = true;
			Future<?> current = this.task;
			if (current != null) {
				current.cancel(false);
			}
			return this.fired;
		}

	}

}
