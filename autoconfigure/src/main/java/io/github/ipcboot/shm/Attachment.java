package io.github.ipcboot.shm;

import java.util.concurrent.atomic.AtomicInteger;

import org.agrona.concurrent.IdleStrategy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A mapped file with the reader of the inbound ring and the writer of the outbound one, and the
 * one invariant that keeps the JVM alive: the mapping is never unmapped while a thread uses it
 * (a thread that touched an unmapped page would crash the process). Threads other than the
 * channel's reader {@link #acquire()} it around each use; {@link #close} waits for them, boundedly,
 * and leaves the unmapping to the garbage collector when one is still inside.
 */
final class Attachment {

	private static final Log logger = LogFactory.getLog(Attachment.class);

	private final ShmFile file;

	private final RingReader reader;

	private final RingWriter writer;

	private final AtomicInteger users = new AtomicInteger();

	private volatile boolean closed;

	Attachment(ShmFile file, RingReader reader, RingWriter writer) {
		this.file = file;
		this.reader = reader;
		this.writer = writer;
	}

	ShmFile file() {
		return this.file;
	}

	ShmHeader header() {
		return this.file.header();
	}

	RingReader reader() {
		return this.reader;
	}

	RingWriter writer() {
		return this.writer;
	}

	/**
	 * Start a use of the mapping.
	 * @return whether the mapping is open; call {@link #release()} after use only when it is
	 */
	boolean acquire() {
		this.users.incrementAndGet();
		if (this.closed) {
			this.users.decrementAndGet();
			return false;
		}
		return true;
	}

	void release() {
		this.users.decrementAndGet();
	}

	/**
	 * Stop new uses, wait up to a bound for the current ones, and unmap.
	 * @param idle how to wait
	 * @param timeoutNanos the bound
	 */
	void close(IdleStrategy idle, long timeoutNanos) {
		this.closed = true;
		long deadline = System.nanoTime() + timeoutNanos;
		while (this.users.get() > 0 && System.nanoTime() < deadline) {
			idle.idle();
		}
		if (this.users.get() == 0) {
			this.file.close();
		}
		else {
			logger.warn("Leaving the mapping of " + this.file.path() + " to the garbage collector: " + this.users.get()
					+ " thread(s) still use it");
		}
	}

}
