package io.github.ipcboot.tcp;

import org.jspecify.annotations.Nullable;

/**
 * What other threads may learn of a connection's frame handling while its reading thread does it:
 * whether frames are being handled and on which thread, whether request bytes wait, and when the
 * last read was handled.
 * <p>
 * Written by the reading thread only; read by any thread (the fields are volatile).
 */
final class NioReadActivity {

	private volatile boolean handling;

	/** The thread that handles the frames read, while it does. */
	private volatile @Nullable Thread handler;

	private volatile boolean bytesWaiting;

	private volatile long lastHandled;

	/**
	 * The current thread starts handling the frames of a read.
	 */
	void started() {
		this.handling = true;
		this.handler = Thread.currentThread();
	}

	/**
	 * The current thread has handled the frames of a read.
	 * @param bytesWaiting whether request bytes are left in the buffer
	 */
	void finished(boolean bytesWaiting) {
		this.bytesWaiting = bytesWaiting;
		this.handling = false;
		this.handler = null;
		this.lastHandled = System.currentTimeMillis();
	}

	/**
	 * Set whether request bytes wait to be handled.
	 * @param bytesWaiting whether they do
	 */
	void bytesWaiting(boolean bytesWaiting) {
		this.bytesWaiting = bytesWaiting;
	}

	/**
	 * Return whether request bytes wait to be handled.
	 * @return whether they do
	 */
	boolean bytesWaiting() {
		return this.bytesWaiting;
	}

	/**
	 * Return whether the current thread is the one handling the frames of a read.
	 * @return whether it is
	 */
	boolean onHandlingThread() {
		return Thread.currentThread() == this.handler;
	}

	/**
	 * Return whether a reply written now may wait for the flush after the read: more request
	 * bytes are buffered and the reading thread handles them.
	 * @return whether to defer the flush
	 */
	boolean mayDeferFlush() {
		return this.handling && this.bytesWaiting;
	}

	/**
	 * Return when the connection was last active: now while frames are being handled, else when
	 * the last read was handled or the socket read.
	 * @param lastRead when Spring Integration last found the socket readable
	 * @return the time in milliseconds
	 */
	long lastActive(long lastRead) {
		return this.handling ? System.currentTimeMillis() : Math.max(lastRead, this.lastHandled);
	}

}
