package io.github.ipcboot.tcp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.GenericMessage;

/**
 * Writes the replies of one {@code net} server connection ({@link BufferedTcpNetConnection}), one
 * at a time, into a buffered stream whose writes run the write clock of the connection's
 * {@link ConnectionDeadlines}; a deferrable reply written while more request bytes are buffered
 * waits for {@link #flushDeferred()}, which the connection's reader calls before it next reads.
 * A reply that cannot be written (but one the framing refuses before writing any byte of it, see
 * {@link TcpFrameNotWritableException}) is published as the connection's exception event and
 * closes the connection.
 */
final class NetReplyWriter {

	private final TcpConnectionSupport connection;

	private final Socket socket;

	private final int bufferSize;

	private final ConnectionStats stats;

	private final BooleanSupplier mayDeferFlush;

	private final Consumer<Throwable> publishFailure;

	private final Runnable closeAfterFailure;

	private final ReentrantLock writeLock = new ReentrantLock();

	/** Created with the first reply (guarded by the lock). */
	private @Nullable OutputStream out;

	private volatile boolean unflushed;

	/**
	 * Create the writer of one connection.
	 * @param connection the connection, whose mapper and serializer make the reply's bytes
	 * @param socket the connection's socket (the TLS one of a TLS connection)
	 * @param bufferSize the size of the buffer replies are written into
	 * @param stats the connection's statistics, with its clocks
	 * @param mayDeferFlush whether a deferrable reply written now may wait for the next read
	 * @param publishFailure the connection's publication of a failed write
	 * @param closeAfterFailure the connection's close after a failed write
	 */
	NetReplyWriter(TcpConnectionSupport connection, Socket socket, int bufferSize, ConnectionStats stats,
			BooleanSupplier mayDeferFlush, Consumer<Throwable> publishFailure, Runnable closeAfterFailure) {
		this.connection = connection;
		this.socket = socket;
		this.bufferSize = bufferSize;
		this.stats = stats;
		this.mayDeferFlush = mayDeferFlush;
		this.publishFailure = publishFailure;
		this.closeAfterFailure = closeAfterFailure;
	}

	/**
	 * Write one reply, waiting for any other writer of the connection to finish, and flush it
	 * unless it may wait for the next read.
	 * @param message the reply's message, or {@code null} when its bytes are given
	 * @param frame the reply's bytes, or {@code null} when its message is given
	 * @param deferrable whether its flush may wait for the next read
	 * @throws MessagingException if it cannot be written; the connection is closed then
	 */
	@SuppressWarnings("unchecked")
	void write(@Nullable Message<?> message, byte @Nullable [] frame, boolean deferrable) {
		this.writeLock.lock();
		try {
			OutputStream target = this.out;
			if (target == null) {
				target = new BufferedOutputStream(
						new WatchedOutputStream(this.socket.getOutputStream(), this.stats.deadlines()),
						this.bufferSize);
				this.out = target;
			}
			Object payload = (frame != null) ? frame
					: this.connection.getMapper().fromMessage(Objects.requireNonNull(message));
			((Serializer<Object>) this.connection.getSerializer())
				.serialize(Objects.requireNonNull(payload, "payload"), target);
			if (deferrable && this.mayDeferFlush.getAsBoolean()) {
				this.unflushed = true;
			}
			else {
				target.flush();
				this.unflushed = false;
			}
		}
		catch (TcpFrameNotWritableException ex) {
			// nothing was written: the connection goes on
			throw ex;
		}
		catch (Exception ex) {
			MessagingException failure = new MessagingException(
					(message != null) ? message : new GenericMessage<>(Objects.requireNonNull(frame)), "Send Failed", ex);
			this.publishFailure.accept(failure);
			this.closeAfterFailure.run();
			throw failure;
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/**
	 * Flush the replies that wait for the next read, unless another writer holds the lock.
	 */
	void flushDeferred() {
		// never wait for another writer: it flushes what is buffered when it is done, and a
		// writer stuck on a client that does not read must not hold up the reader or close()
		if (!this.unflushed || !this.writeLock.tryLock()) {
			return;
		}
		// the reader is writing, not waiting for a frame: the write clock runs, the frame
		// clock does not
		ConnectionDeadlines deadlines = this.stats.deadlines();
		long pausedAt = System.nanoTime();
		long frameStarted = deadlines.pauseFrame();
		try {
			OutputStream target = this.out;
			if (this.unflushed && target != null) {
				this.unflushed = false;
				target.flush();
			}
		}
		catch (IOException ex) {
			this.closeAfterFailure.run();
		}
		finally {
			deadlines.resumeFrame(frameStarted, pausedAt);
			this.writeLock.unlock();
		}
	}

	/**
	 * Run an action with the write lock held, unless a writer holds it (one may be blocked on a
	 * client that does not read).
	 * @param action the action
	 * @return whether the action ran
	 */
	boolean runUnlessWriting(Runnable action) {
		if (!this.writeLock.tryLock()) {
			return false;
		}
		try {
			action.run();
			return true;
		}
		finally {
			this.writeLock.unlock();
		}
	}

}
