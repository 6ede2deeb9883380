package io.github.ipcboot.shm;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The resynchronisation of a ring when its client changes (see {@code docs/shm-layout.md},
 * "Client change"): what was written and not read is dropped, the dropped bytes are zeroed (a
 * reader takes a zero length for "nothing yet") and the head position is moved to the tail. The
 * server, which resets a ring only when its client is given up, zeroes the whole ring; a ring
 * whose positions no well-behaved peer writes (negative, unaligned, further apart than the
 * capacity) is zeroed whole, and the server also sets its positions to 0.
 */
final class RingReset {

	private RingReset() {
	}

	/**
	 * Drop what the ring holds.
	 * @param buffer the ring and its trailer
	 * @param ownsTail whether the caller may also write the tail position (its producer is gone)
	 * @return the bytes dropped
	 */
	static long skipToTail(AtomicBuffer buffer, boolean ownsTail) {
		int capacity = buffer.capacity() - RingBufferDescriptor.TRAILER_LENGTH;
		int headIndex = capacity + RingBufferDescriptor.HEAD_POSITION_OFFSET;
		int tailIndex = capacity + RingBufferDescriptor.TAIL_POSITION_OFFSET;
		long head = buffer.getLongVolatile(headIndex);
		long tail = buffer.getLongVolatile(tailIndex);
		long used = tail - head;
		boolean valid = head >= 0 && tail >= 0 && used >= 0 && used <= capacity
				&& ((head | tail) & (RecordDescriptor.ALIGNMENT - 1)) == 0;
		if (ownsTail) {
			// the producer is gone: whatever it left anywhere in the ring goes
			buffer.setMemory(0, capacity, (byte) 0);
			if (!valid) {
				buffer.putLongRelease(tailIndex, 0);
				buffer.putLongRelease(capacity + RingBufferDescriptor.HEAD_CACHE_POSITION_OFFSET, 0);
				tail = 0;
			}
			buffer.putLongRelease(headIndex, tail);
			return valid ? used : capacity;
		}
		if (!valid) {
			buffer.setMemory(0, capacity, (byte) 0);
			if (tail >= 0 && (tail & (RecordDescriptor.ALIGNMENT - 1)) == 0) {
				buffer.putLongRelease(headIndex, tail);
			}
			return capacity;
		}
		if (used > 0) {
			int from = (int) head & (capacity - 1);
			int first = (int) Math.min(used, capacity - from);
			buffer.setMemory(from, first, (byte) 0);
			buffer.setMemory(0, (int) used - first, (byte) 0);
			buffer.putLongRelease(headIndex, tail);
		}
		return used;
	}

}
