package io.github.ipcboot.tcp;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * Counts the frames of a NIO connection that were read but not yet handled, and holds back the
 * connection's close until they are. Spring Integration closes a NIO connection as soon as it reads
 * the end of the stream (or times it out), while earlier frames may still wait for their turn on
 * other threads; without this their replies would be lost.
 */
final class InFlightFrames {

	private final GateTicket ticket;

	private final AtomicInteger count = new AtomicInteger();

	private final AtomicReference<@Nullable Runnable> pendingClose = new AtomicReference<>();

	private volatile boolean outOfStep;

	/**
	 * Create the tracking of one connection.
	 * @param ticket the connection's place in its gate, given back when it really closes
	 */
	InFlightFrames(GateTicket ticket) {
		this.ticket = ticket;
	}

	/**
	 * Close the connection now, or once the frames in flight are handled.
	 * @param close the connection's own close
	 */
	void close(Runnable close) {
		Runnable closeNow = () -> {
			this.ticket.release();
			close.run();
		};
		if (!deferClose(closeNow)) {
			closeNow.run();
		}
	}

	/**
	 * The stream is out of step (after an oversized frame): nothing more is to be read as frames.
	 */
	void markOutOfStep() {
		this.outOfStep = true;
	}

	boolean isOutOfStep() {
		return this.outOfStep;
	}

	/**
	 * Return whether no frame waits to be handled.
	 */
	boolean isEmpty() {
		return this.count.get() == 0;
	}

	/**
	 * A frame was read; called in reading order, before any later close.
	 */
	void started() {
		this.count.incrementAndGet();
	}

	/**
	 * A frame was handled (or dropped); runs a held-back close after the last one.
	 */
	void finished() {
		if (this.count.decrementAndGet() == 0) {
			runPendingClose();
		}
	}

	/**
	 * Hold back a close while frames are in flight.
	 * @param close the close to run once they are handled
	 * @return whether the close was held back (else the caller closes now)
	 */
	boolean deferClose(Runnable close) {
		if (this.count.get() == 0) {
			return false;
		}
		this.pendingClose.set(close);
		if (this.count.get() == 0) {
			runPendingClose();
		}
		return true;
	}

	/**
	 * The frames in flight will never be handled (the connection's session is gone): run a
	 * held-back close now instead of waiting for them.
	 */
	void abandon() {
		runPendingClose();
	}

	private void runPendingClose() {
		Runnable close = this.pendingClose.getAndSet(null);
		if (close != null) {
			close.run();
		}
	}

	/**
	 * Implemented by connections that track their frames in flight.
	 */
	interface Tracked {

		InFlightFrames inFlight();

	}

}
