package io.github.ipcboot.tcp;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * What one NIO server connection has read but not handled yet, in bytes: bounded by a budget, so
 * that a client that pipelines faster than its listener answers is held back by TCP instead of
 * filling the heap. The connection's reader and its frame assembler ask for room before they read
 * more ({@link #awaitRoom(long)}); handled frames give it back ({@link #finished()}).
 * <p>
 * The bytes counted are those read from the socket (after TLS decryption) up to the end of the
 * last handled frame: Spring Integration's buffered bytes, a frame being assembled, frames that
 * wait for their turn and the frame being handled. Each frame also counts
 * {@link #FRAME_ALLOWANCE} bytes for its message and bookkeeping, so that tiny frames are bounded
 * too. Frames are handled in the order they were read (the {@link FrameSequencer} sees to that),
 * so a handled frame frees every byte up to its end.
 * <p>
 * It also tracks a half-closed connection: once the client has ended its sending side, the
 * connection closes when every byte read has been handled ({@link #isExhausted()}).
 */
final class FrameBacklog {

	/** Bytes each frame counts beyond its own: its message, headers and queue entries. */
	static final int FRAME_ALLOWANCE = 1024;

	private final long maxPendingBytes;

	/** Bytes read from the socket and not yet taken by the codec (Spring Integration's pipe). */
	private final LongSupplier buffered;

	/** Bytes taken by the codec since the connection opened. */
	private final LongSupplier consumed;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	/** The end offsets (in consumed bytes) of the frames read and not yet handled, oldest first. */
	private final ArrayDeque<Long> frameEnds = new ArrayDeque<>();

	private long handledEnd;

	private volatile long lastFinishedMillis;

	private boolean assembling;

	private volatile boolean inputEnded;

	private boolean closed;

	private final Runnable whenExhausted;

	private volatile boolean outOfStep;

	/**
	 * Create the backlog of one connection.
	 * @param maxPendingBytes the budget (see {@link #budget(long, int)}): no more is read while
	 * this many bytes wait
	 * @param buffered the bytes buffered by Spring Integration and not yet taken by the codec
	 * @param consumed the bytes taken by the codec so far
	 * @param whenExhausted what closes a half-closed connection once everything read from it has
	 * been handled; run once, on the thread that handled the last frame
	 */
	FrameBacklog(long maxPendingBytes, LongSupplier buffered, LongSupplier consumed, Runnable whenExhausted) {
		this.maxPendingBytes = maxPendingBytes;
		this.buffered = buffered;
		this.consumed = consumed;
		this.whenExhausted = whenExhausted;
	}

	/**
	 * Return the bytes read and not yet handled, with the allowance of each waiting frame.
	 * @return the pending bytes
	 */
	long pendingBytes() {
		this.lock.lock();
		try {
			return pending();
		}
		finally {
			this.lock.unlock();
		}
	}

	private long pending() {
		return this.buffered.getAsLong() + this.consumed.getAsLong() - this.handledEnd
				+ (long) FRAME_ALLOWANCE * this.frameEnds.size();
	}

	/**
	 * Return the budget a connection works with: the configured one, raised so that a frame of
	 * the largest size always fits (else a client could never complete one).
	 * @param maxPendingBytes the configured budget
	 * @param maxFrameSize the server's largest frame
	 * @return the budget
	 */
	static long budget(long maxPendingBytes, int maxFrameSize) {
		return Math.max(maxPendingBytes, (long) maxFrameSize + FRAME_ALLOWANCE);
	}

	/**
	 * Wait until more may be read from the socket: the backlog is under its budget or the
	 * connection is closed.
	 * @param timeoutNanos how long to wait at most
	 * @return whether more may be read now
	 */
	boolean awaitRoom(long timeoutNanos) {
		return await(false, timeoutNanos);
	}

	private boolean await(boolean assembler, long timeoutNanos) {
		this.lock.lock();
		try {
			long remaining = timeoutNanos;
			while (!this.closed && pending() >= this.maxPendingBytes && !(assembler && this.frameEnds.isEmpty())) {
				if (remaining <= 0) {
					return false;
				}
				remaining = this.changed.awaitNanos(remaining);
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The codec is about to assemble a frame from what was read: waits while the backlog is over
	 * its budget with frames waiting to be handled, for as long as it takes (handling frees room,
	 * a close ends the wait). With no frame waiting it goes on, so that what was read is always
	 * turned into frames.
	 */
	void assembling() {
		while (!await(true, TimeUnit.SECONDS.toNanos(1))) {
			if (Thread.currentThread().isInterrupted()) {
				break;
			}
		}
		this.lock.lock();
		try {
			this.assembling = true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The codec has returned: with a frame ({@code true}), which now waits to be handled, or
	 * without one.
	 * @param frame whether a frame was read
	 */
	void assembled(boolean frame) {
		this.lock.lock();
		try {
			this.assembling = false;
			if (frame) {
				this.frameEnds.add(this.consumed.getAsLong());
			}
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		closeIfExhausted();
	}

	/**
	 * The oldest frame was handled (or dropped): its bytes are free.
	 */
	void finished() {
		this.lock.lock();
		try {
			Long end = this.frameEnds.poll();
			if (end != null) {
				this.handledEnd = end;
			}
			this.lastFinishedMillis = System.currentTimeMillis();
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		closeIfExhausted();
	}

	/**
	 * Return when the connection last did something: now while a frame waits or is being handled
	 * (a connection busy with a slow listener is not idle), else when the last one was handled or
	 * the last bytes were read.
	 * @param lastRead when Spring Integration last read from the socket
	 * @return the time in milliseconds
	 */
	long lastActive(long lastRead) {
		return isEmpty() ? Math.max(lastRead, this.lastFinishedMillis) : System.currentTimeMillis();
	}

	/**
	 * Return whether no frame waits to be handled.
	 * @return whether none is in flight
	 */
	boolean isEmpty() {
		this.lock.lock();
		try {
			return this.frameEnds.isEmpty();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The client has ended its sending side: nothing more is read from the socket, and the
	 * connection closes once everything read has been handled (perhaps now).
	 */
	void endInput() {
		this.lock.lock();
		try {
			this.inputEnded = true;
		}
		finally {
			this.lock.unlock();
		}
		closeIfExhausted();
	}

	/**
	 * Return whether the client has ended its sending side.
	 * @return whether the input ended
	 */
	boolean isInputEnded() {
		return this.inputEnded;
	}

	/**
	 * Close a half-closed connection if everything read from it has been handled: the codec is
	 * not assembling, nothing is buffered, no frame waits. The codec cannot take more bytes
	 * without {@link #assembling()} first, and no more come from the socket.
	 */
	void closeIfExhausted() {
		this.lock.lock();
		try {
			if (this.closed || !this.inputEnded || this.assembling || !this.frameEnds.isEmpty()
					|| this.buffered.getAsLong() > 0) {
				return;
			}
			this.closed = true;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		this.whenExhausted.run();
	}

	/**
	 * The connection has closed: nobody waits for room any longer.
	 */
	void close() {
		this.lock.lock();
		try {
			this.closed = true;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return whether the connection has closed (see {@link #close()}).
	 * @return whether it is closed
	 */
	boolean isClosed() {
		return this.closed;
	}

	/**
	 * The stream is out of step (after an oversized frame): nothing more is to be read as frames.
	 */
	void markOutOfStep() {
		this.outOfStep = true;
	}

	/**
	 * Return whether the stream is out of step.
	 * @return whether an oversized frame broke the framing
	 */
	boolean isOutOfStep() {
		return this.outOfStep;
	}

	/**
	 * Implemented by the NIO connections of a server.
	 */
	interface Tracked {

		/**
		 * Return the connection's backlog.
		 * @return the backlog, or {@code null} for a client's connection
		 */
		@Nullable FrameBacklog backlog();

	}

}
