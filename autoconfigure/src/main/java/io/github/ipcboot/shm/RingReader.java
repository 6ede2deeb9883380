package io.github.ipcboot.shm;

import java.util.function.BooleanSupplier;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The consumer of one ring: Agrona's one-to-one read algorithm (records from the head up to the end
 * of the contiguous block, padding skipped, the read bytes zeroed, then the head released), with
 * every number the peer wrote checked before it is used. Agrona's own reader trusts its producer; a
 * peer process may be corrupt or hostile, so this one reads each record's length once, checks that
 * the record lies inside the ring, that its type is known and that its body is at most the
 * channel's {@code max-message-size}, and only then allocates and copies. A record that fails a
 * check stops the read with a {@link ShmCorruptRecordException}; nothing past it is consumed.
 */
final class RingReader {

	/** Agrona's record type of the padding at the end of the ring. */
	static final int PADDING_TYPE = -1;

	private static final int BODY_OFFSET = RecordDescriptor.HEADER_LENGTH + ShmLayout.CORRELATION_LENGTH;

	/**
	 * What receives the records read.
	 */
	@FunctionalInterface
	interface Handler {

		void onMessage(int type, long correlationId, byte[] body);

	}

	private final AtomicBuffer buffer;

	private final int capacity;

	private final int headPositionIndex;

	private final int tailPositionIndex;

	private final int maxBodyLength;

	private final String description;

	/**
	 * Create a reader.
	 * @param buffer the ring and its trailer
	 * @param maxBodyLength the largest body accepted
	 * @param description the channel and ring, for messages
	 */
	RingReader(AtomicBuffer buffer, int maxBodyLength, String description) {
		this.buffer = buffer;
		this.capacity = buffer.capacity() - RingBufferDescriptor.TRAILER_LENGTH;
		this.headPositionIndex = this.capacity + RingBufferDescriptor.HEAD_POSITION_OFFSET;
		this.tailPositionIndex = this.capacity + RingBufferDescriptor.TAIL_POSITION_OFFSET;
		this.maxBodyLength = maxBodyLength;
		this.description = description;
	}

	/**
	 * Read up to a number of records.
	 * @param handler receives each message (not the padding)
	 * @param limit the most messages to read
	 * @return the messages read
	 * @throws ShmCorruptRecordException if the ring holds what no well-behaved producer writes
	 */
	int read(Handler handler, int limit) {
		return read(handler, limit, () -> true);
	}

	/**
	 * Read up to a number of records while the caller still owns the ring.
	 * @param handler receives each message (not the padding)
	 * @param limit the most messages to read
	 * @param owner asked after each message: {@code false} (the reader thread was replaced while
	 * the handler ran) stops the read at once and leaves the head where it was, so that this
	 * thread writes nothing more into the ring
	 * @return the messages read
	 * @throws ShmCorruptRecordException if the ring holds what no well-behaved producer writes
	 */
	int read(Handler handler, int limit, BooleanSupplier owner) {
		long head = this.buffer.getLongVolatile(this.headPositionIndex);
		if (head < 0 || (head & (RecordDescriptor.ALIGNMENT - 1)) != 0) {
			throw corrupt("head position " + head + " is negative or not " + RecordDescriptor.ALIGNMENT + "-byte aligned");
		}
		int headIndex = (int) head & (this.capacity - 1);
		int contiguous = this.capacity - headIndex;
		int bytesRead = 0;
		int messages = 0;
		boolean owned = true;
		try {
			while (bytesRead < contiguous && messages < limit) {
				int recordIndex = headIndex + bytesRead;
				int length = this.buffer.getIntVolatile(RecordDescriptor.lengthOffset(recordIndex));
				if (length <= 0) {
					break;
				}
				int room = contiguous - bytesRead;
				if (length < RecordDescriptor.HEADER_LENGTH || length > room) {
					throw corrupt("record at " + recordIndex + " has length " + length + "; expected "
							+ RecordDescriptor.HEADER_LENGTH + " to " + room + " (the rest of the ring)");
				}
				int aligned = (length + RecordDescriptor.ALIGNMENT - 1) & -RecordDescriptor.ALIGNMENT;
				int type = this.buffer.getInt(RecordDescriptor.typeOffset(recordIndex));
				if (type == PADDING_TYPE) {
					bytesRead += aligned;
					continue;
				}
				int bodyLength = length - BODY_OFFSET;
				if (type < ShmLayout.TYPE_SEND || type > ShmLayout.TYPE_ERROR) {
					throw corrupt("record at " + recordIndex + " has the unknown type " + type);
				}
				if (bodyLength < 0 || bodyLength > this.maxBodyLength) {
					throw corrupt("record at " + recordIndex + " carries a body of " + bodyLength + " bytes; expected 0 to "
							+ this.maxBodyLength + " (max-message-size)");
				}
				long correlationId = this.buffer.getLong(recordIndex + RecordDescriptor.HEADER_LENGTH);
				byte[] body = new byte[bodyLength];
				this.buffer.getBytes(recordIndex + BODY_OFFSET, body);
				bytesRead += aligned;
				messages++;
				handler.onMessage(type, correlationId, body);
				if (!owner.getAsBoolean()) {
					owned = false;
					break;
				}
			}
		}
		finally {
			if (bytesRead > 0 && owned) {
				this.buffer.setMemory(headIndex, bytesRead, (byte) 0);
				this.buffer.putLongRelease(this.headPositionIndex, head + bytesRead);
			}
		}
		return messages;
	}

	/**
	 * Return the bytes written and not yet read, as far as the positions in the trailer tell.
	 * @return the bytes, between 0 and the capacity
	 */
	int used() {
		long used = this.buffer.getLongVolatile(this.tailPositionIndex) - this.buffer.getLongVolatile(this.headPositionIndex);
		return (int) Math.max(0, Math.min(this.capacity, used));
	}

	int capacity() {
		return this.capacity;
	}

	long headPosition() {
		return this.buffer.getLongVolatile(this.headPositionIndex);
	}

	long tailPosition() {
		return this.buffer.getLongVolatile(this.tailPositionIndex);
	}

	private ShmCorruptRecordException corrupt(String problem) {
		return new ShmCorruptRecordException("Corrupt " + this.description + ": " + problem);
	}

}
