package io.github.ipcboot.tcp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.GenericMessage;

/**
 * Writes the frames of one NIO connection (plain or TLS), one at a time, each serialized into a
 * buffer of {@value #BUFFER_SIZE} bytes and flushed to the socket with the write clock of the
 * connection's {@link ConnectionDeadlines} running. It stands in for Spring Integration's
 * {@code TcpNioConnection.send}, whose buffer is as large as the socket's send buffer (SO_SNDBUF:
 * about 1.9 MB over loopback, more once TCP autotuning grows it) and kept for the connection's life,
 * so that a connection keeps {@value #BUFFER_SIZE} bytes for its writes whatever the socket.
 * As there, a frame that cannot be written (but one the framing refuses before writing any
 * byte of it, see {@link TcpFrameNotWritableException}) is published as the connection's exception event and
 * closes the connection.
 */
final class NioFrameWriter {

	/** The size of the buffer a frame is serialized into, as a {@code net} connection's. */
	static final int BUFFER_SIZE = 8192;

	private final TcpConnectionSupport connection;

	private final OutputStream socket;

	private final ConnectionDeadlines deadlines;

	private final Consumer<Throwable> publishFailure;

	private final Runnable closeAfterFailure;

	private final ReentrantLock lock = new ReentrantLock();

	/** Created with the first frame (guarded by the lock). */
	private @Nullable OutputStream buffered;

	private volatile long lastSend;

	/** Whether frames written by {@link #sendDeferred(byte[])} wait in the buffer. */
	private volatile boolean unflushed;

	/**
	 * Create the writer of one connection.
	 * @param connection the connection, whose mapper and serializer make the frame's bytes
	 * @param socket the connection's own stream to its channel (the TLS one of a TLS connection)
	 * @param deadlines the connection's clocks
	 * @param publishFailure the connection's publication of a failed write
	 * @param closeAfterFailure the connection's close after a failed write
	 */
	NioFrameWriter(TcpConnectionSupport connection, OutputStream socket, ConnectionDeadlines deadlines,
			Consumer<Throwable> publishFailure, Runnable closeAfterFailure) {
		this.connection = connection;
		this.socket = new WatchedOutputStream(socket, deadlines);
		this.deadlines = deadlines;
		this.publishFailure = publishFailure;
		this.closeAfterFailure = closeAfterFailure;
	}

	/**
	 * Write one frame and flush it, waiting for any other writer of the connection to finish.
	 * @param message the frame's message
	 * @throws MessagingException if it cannot be written; the connection is closed then
	 */
	void send(Message<?> message) {
		write(message, null, true);
	}

	/**
	 * Write one frame's bytes as they are and flush them, waiting for any other writer of the
	 * connection to finish.
	 * @param frame the frame's bytes
	 * @throws MessagingException if it cannot be written; the connection is closed then
	 */
	void send(byte[] frame) {
		write(null, frame, true);
	}

	/**
	 * Write one frame's bytes into the buffer, to be flushed by the next frame that is flushed,
	 * by {@link #flush()}, or when the buffer is full.
	 * @param frame the frame's bytes
	 * @throws MessagingException if it cannot be written; the connection is closed then
	 */
	void sendDeferred(byte[] frame) {
		write(null, frame, false);
	}

	/**
	 * Flush what {@link #sendDeferred(byte[])} left in the buffer, waiting for any other writer of
	 * the connection to finish. The frame clock stands still meanwhile: the time is the write
	 * clock's (a client slow to read its replies is closed by the write timeout).
	 * @throws MessagingException if it cannot be written; the connection is closed then
	 */
	void flush() {
		if (!this.unflushed) {
			return;
		}
		this.lock.lock();
		try {
			flushUnflushed();
		}
		catch (Exception ex) {
			throw failed(new GenericMessage<>("flush"), ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Flush what {@link #sendDeferred(byte[])} left in the buffer before the connection closes,
	 * so that every reply of a frame handled before the close reaches the client, whatever
	 * closes it. It never waits for another writer (one stuck on a client that does not read
	 * must not hold the close up; it flushes the buffer itself when its write ends), and a
	 * failure is left to the close that follows.
	 */
	void flushBeforeClose() {
		if (!this.unflushed || !this.lock.tryLock()) {
			return;
		}
		try {
			flushUnflushed();
		}
		catch (IOException ex) {
			// the client has gone: the close follows
		}
		finally {
			this.lock.unlock();
		}
	}

	private void flushUnflushed() throws IOException {
		OutputStream target = this.buffered;
		if (!this.unflushed || target == null) {
			return;
		}
		// cleared first: a failure closes the connection, whose close must not flush again
		this.unflushed = false;
		long pausedAt = System.nanoTime();
		long frameStarted = this.deadlines.pauseFrame();
		try {
			target.flush();
		}
		finally {
			this.deadlines.resumeFrame(frameStarted, pausedAt);
		}
	}

	@SuppressWarnings("unchecked")
	private void write(@Nullable Message<?> message, byte @Nullable [] frame, boolean flush) {
		this.lock.lock();
		try {
			OutputStream target = this.buffered;
			if (target == null) {
				target = new BufferedOutputStream(this.socket, BUFFER_SIZE);
				this.buffered = target;
			}
			Object payload = (frame != null) ? frame : this.connection.getMapper().fromMessage(message);
			if (payload == null) {
				throw new IllegalStateException("The mapper returned no payload for message " + message);
			}
			this.lastSend = System.currentTimeMillis();
			((Serializer<Object>) this.connection.getSerializer()).serialize(payload, target);
			if (flush) {
				this.unflushed = false;
				target.flush();
			}
			else {
				this.unflushed = true;
			}
		}
		catch (TcpFrameNotWritableException ex) {
			// nothing was written: the connection goes on
			throw ex;
		}
		catch (Exception ex) {
			throw failed((message != null) ? message : new GenericMessage<>(Objects.requireNonNull(frame)), ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	private MessagingException failed(Message<?> message, Exception ex) {
		this.unflushed = false;
		MessagingException failure = new MessagingException(message, "Send Failed", ex);
		this.publishFailure.accept(failure);
		this.closeAfterFailure.run();
		return failure;
	}

	/**
	 * Return when a frame was last written, for Spring Integration's timeout of a client's
	 * connection (which waits for its reply).
	 * @return the time in milliseconds, 0 if none was
	 */
	long lastSend() {
		return this.lastSend;
	}

}
