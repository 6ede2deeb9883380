package io.github.ipcboot.shm;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The producer of one ring: Agrona's {@link OneToOneRingBuffer} (one producing process; the
 * threads of this one take turns). A full ring is waited on with the channel's idle strategy for at
 * most {@code full-ring-timeout}, counted, then refused with a {@link ShmRingFullException}; nothing
 * is dropped silently. Agrona masks every index it writes with the capacity, so a hostile head or
 * tail position in the trailer cannot make it write outside the ring.
 */
final class RingWriter {

	private final OneToOneRingBuffer ring;

	private final UnsafeBuffer buffer;

	private final ShmChannelSettings settings;

	private final ShmStats stats;

	private final String description;

	private final ReentrantLock lock = new ReentrantLock();

	RingWriter(UnsafeBuffer buffer, ShmChannelSettings settings, ShmStats stats, String description) {
		this.ring = new OneToOneRingBuffer(buffer);
		this.buffer = buffer;
		this.settings = settings;
		this.stats = stats;
		this.description = description;
	}

	/**
	 * Write one message, waiting for room up to the channel's {@code full-ring-timeout}.
	 * @param type the message type
	 * @param correlationId the correlation id
	 * @param body the body
	 * @throws ShmRingFullException if the ring stays full
	 */
	void write(int type, long correlationId, byte[] body) {
		long timeout = this.settings.fullRingTimeout().toNanos();
		long start = System.nanoTime();
		try {
			if (!this.lock.tryLock(timeout, TimeUnit.NANOSECONDS)) {
				throw full(body.length, System.nanoTime() - start);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ShmException("Interrupted while waiting to write to " + this.description, ex);
		}
		int index = -1;
		try {
			index = claim(type, body.length, start, timeout);
			this.buffer.putLong(index, correlationId);
			this.buffer.putBytes(index + ShmLayout.CORRELATION_LENGTH, body);
			this.ring.commit(index);
			index = -1;
		}
		catch (IllegalStateException | IndexOutOfBoundsException ex) {
			// Agrona found its claim changed under it: the peer wrote into space it does not own
			throw new ShmCorruptRecordException("Corrupt " + this.description + ": " + ex.getMessage());
		}
		finally {
			if (index >= 0) {
				abort(index);
			}
			this.lock.unlock();
		}
	}

	private void abort(int index) {
		try {
			// a claim left negative would stop the reader at it for good
			this.ring.abort(index);
		}
		catch (RuntimeException ex) {
			// the peer changed the record: its reader reports the corruption
		}
	}

	private int claim(int type, int bodyLength, long start, long timeout) {
		int length = bodyLength + ShmLayout.CORRELATION_LENGTH;
		int index = this.ring.tryClaim(type, length);
		if (index != RingBuffer.INSUFFICIENT_CAPACITY) {
			return index;
		}
		this.stats.fullRingWait();
		IdleStrategy idle = this.settings.idle().newStrategy();
		while (index == RingBuffer.INSUFFICIENT_CAPACITY) {
			long waited = System.nanoTime() - start;
			if (waited > timeout) {
				this.stats.fullRingFailure();
				throw full(bodyLength, waited);
			}
			idle.idle();
			index = this.ring.tryClaim(type, length);
		}
		return index;
	}

	private ShmRingFullException full(int bodyLength, long waitedNanos) {
		return new ShmRingFullException("The " + this.description + " (" + this.ring.capacity() + " bytes, "
				+ this.ring.size() + " in use) had no room for a message of " + bodyLength + " bytes for "
				+ TimeUnit.NANOSECONDS.toMillis(waitedNanos) + " ms (full-ring-timeout "
				+ this.settings.fullRingTimeout().toMillis() + " ms)");
	}

	int capacity() {
		return this.ring.capacity();
	}

	int used() {
		return Math.max(0, Math.min(this.ring.capacity(), this.ring.size()));
	}

}
