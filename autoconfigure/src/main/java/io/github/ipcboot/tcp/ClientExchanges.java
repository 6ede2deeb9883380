package io.github.ipcboot.tcp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import javax.net.ssl.SSLException;

import io.github.ipcboot.tcp.ClientTimer.WriteGuard;
import io.github.ipcboot.tcp.PooledConnection.Role;
import io.github.ipcboot.tcp.TcpObserver.CloseReason;
import org.jspecify.annotations.Nullable;

/**
 * Carries a {@link TcpClient}'s requests over its pool, each within its deadline: a permit, a
 * connection (a new one when the one taken turns out closed, retired or greeting before anything
 * was written), the write (guarded by {@link ClientTimer}), the reply. A connection goes back to
 * the pool after a complete reply, a whole fire-and-forget write, or a request that failed before
 * anything of it was written; every other failure drops it.
 */
final class ClientExchanges {

	/**
	 * Connections a request may try before anything of it is written: the pooled one, then new
	 * ones that a server closes (or greets) before the request could be written.
	 */
	static final int MAX_ATTEMPTS = 3;

	private final String description;

	private final Duration connectTimeout;

	private final Duration replyTimeout;

	private final int maxReplyFrames;

	private final long maxReplySize;

	private final ClientPool pool;

	private final ClientTimer timer;

	ClientExchanges(String description, TcpClientSettings settings, ClientPool pool, ClientTimer timer) {
		this.description = description;
		this.connectTimeout = settings.connectTimeout();
		this.replyTimeout = settings.replyTimeout();
		this.maxReplyFrames = settings.maxReplyFrames();
		this.maxReplySize = settings.maxReplySize();
		this.pool = pool;
		this.timer = timer;
	}

	/**
	 * Write a request and collect its reply.
	 * @param request the request frame
	 * @param last whether a frame is the last of the reply
	 * @param deadline when the reply must be complete ({@link System#nanoTime()})
	 * @param timeout the timeout the deadline stands for, for messages
	 * @return the reply's frames
	 */
	List<byte[]> exchange(byte[] request, Predicate<byte[]> last, long deadline, Duration timeout) {
		this.pool.acquirePermit(Role.REQUEST, deadline, timeout);
		try {
			PendingExchange pending = new PendingExchange(this.description, last, this.maxReplyFrames,
					this.maxReplySize);
			PooledConnection connection = this.pool.take(Role.REQUEST, deadline);
			for (int attempt = 1; !connection.begin(pending) || !isWritable(connection, pending, deadline, timeout);
					attempt++) {
				connection.end(pending);
				this.pool.discard(connection);
				checkAttempts(attempt);
				connection = this.pool.open(Role.REQUEST, deadline);
			}
			boolean complete = false;
			try {
				write(connection, request, deadline, timeout);
				List<byte[]> reply = await(connection, pending, deadline, timeout);
				complete = true;
				return reply;
			}
			finally {
				connection.end(pending);
				if (complete) {
					this.pool.giveBack(connection);
				}
				else {
					connection.abort(CloseReason.ERROR);
				}
			}
		}
		finally {
			this.pool.releasePermit(Role.REQUEST);
		}
	}

	/**
	 * Start the write of a request on a connection whose exchange is open, if time is left.
	 * @return {@code false} if a frame arrived (or the connection closed) before the write could
	 * start: the request may go on another connection
	 * @throws TcpReplyTimeoutException if no time is left (the connection, untouched, goes back)
	 */
	private boolean isWritable(PooledConnection connection, PendingExchange pending, long deadline,
			Duration timeout) {
		if (deadline - System.nanoTime() <= 0) {
			connection.end(pending);
			this.pool.giveBack(connection);
			throw nothingWritten(timeout);
		}
		return connection.startWrite(pending);
	}

	/**
	 * Write a frame and expect no reply.
	 * @param frame the frame
	 * @param deadline when it must be written
	 */
	void send(byte[] frame, long deadline) {
		this.pool.acquirePermit(Role.SEND, deadline, this.replyTimeout);
		try {
			PooledConnection connection = this.pool.take(Role.SEND, deadline);
			for (int attempt = 1; !connection.beginSend(); attempt++) {
				this.pool.discard(connection);
				checkAttempts(attempt);
				connection = this.pool.open(Role.SEND, deadline);
			}
			if (deadline - System.nanoTime() <= 0) {
				connection.endSend();
				this.pool.giveBack(connection);
				throw nothingWritten(this.replyTimeout);
			}
			boolean written = false;
			try {
				write(connection, frame, deadline, this.replyTimeout);
				written = true;
			}
			finally {
				connection.endSend();
				if (written) {
					this.pool.giveBack(connection);
				}
				else {
					connection.abort(CloseReason.ERROR);
				}
			}
		}
		finally {
			this.pool.releasePermit(Role.SEND);
		}
	}

	private TcpReplyTimeoutException nothingWritten(Duration timeout) {
		return new TcpReplyTimeoutException(this.description + " could not write the request within " + timeout
				+ " (waiting for a free connection and connecting took it up; nothing was written)", timeout);
	}

	private void checkAttempts(int attempt) {
		if (attempt >= MAX_ATTEMPTS) {
			throw new TcpClientException(this.description + ": " + MAX_ATTEMPTS
					+ " connections in a row closed, or sent a frame, before the request could be written");
		}
	}

	private void write(PooledConnection connection, byte[] frame, long deadline, Duration timeout) {
		long handshakeDeadline = connection.isHandshaking() ? System.nanoTime() + this.connectTimeout.toNanos()
				: Long.MAX_VALUE;
		WriteGuard guard = this.timer.guard(connection, deadline, handshakeDeadline);
		RuntimeException failure = null;
		try {
			connection.write(frame);
		}
		catch (RuntimeException ex) {
			failure = ex;
		}
		CloseReason fired = guard.end();
		if (failure == null) {
			return;
		}
		if (fired == CloseReason.HANDSHAKE_TIMEOUT) {
			throw new TcpConnectException(
					this.description + ": the TLS handshake did not complete within " + this.connectTimeout, failure);
		}
		if (fired == CloseReason.REPLY_TIMEOUT) {
			throw new TcpReplyTimeoutException(this.description + " could not write the request (" + frame.length
					+ " bytes) within " + timeout, timeout);
		}
		if (hasCause(failure, SSLException.class)) {
			throw new TcpConnectException(this.description + ": the TLS handshake failed: " + rootMessage(failure),
					failure);
		}
		throw new TcpClientException(this.description + " could not send the request: " + rootMessage(failure),
				failure);
	}

	private List<byte[]> await(PooledConnection connection, PendingExchange pending, long deadline,
			Duration timeout) {
		try {
			return pending.reply().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			connection.abort(CloseReason.REPLY_TIMEOUT);
			int received = pending.frameCount();
			throw new TcpReplyTimeoutException(this.description + ((received > 0)
					? " got no complete reply within " + timeout + " (" + received + " frames of it arrived)"
					: " got no reply within " + timeout), timeout);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof TcpClientException clientException) ? clientException
					: new TcpClientException(this.description + " failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TcpClientException(this.description + " was interrupted while waiting for the reply", ex);
		}
	}

	private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
		for (Throwable current = error; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable String rootMessage(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getMessage();
	}

}
