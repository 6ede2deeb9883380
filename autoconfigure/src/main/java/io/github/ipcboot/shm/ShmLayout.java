package io.github.ipcboot.shm;

import org.agrona.BitUtil;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The layout of a channel file (see {@code docs/shm-layout.md}): a {@value #HEADER_LENGTH}-byte
 * header, then the request ring and the reply ring, each an Agrona one-to-one ring buffer of
 * {@code capacity} bytes followed by its {@link RingBufferDescriptor#TRAILER_LENGTH}-byte trailer.
 * Every number is little-endian. Every message starts with an 8-byte correlation id, after
 * Agrona's 8-byte record header (length, type).
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public final class ShmLayout {

	/** The magic number at offset 0 ({@code "IPCS"} read as a little-endian int: bytes S, C, P, I). */
	public static final int MAGIC = 0x49504353;

	/** The version of the layout at offset 4. */
	public static final int VERSION = 2;

	/** Offset of the request ring's capacity (int). */
	public static final int REQUEST_CAPACITY_OFFSET = 8;

	/** Offset of the reply ring's capacity (int). */
	public static final int REPLY_CAPACITY_OFFSET = 12;

	/** Offset of the largest message body the server accepts (int). */
	public static final int MAX_MESSAGE_SIZE_OFFSET = 16;

	/** Offset of the server's state (int, one of the {@code STATE_} values). */
	public static final int SERVER_STATE_OFFSET = 20;

	/** Offset of the server's (the owner's) process id (long). */
	public static final int SERVER_PID_OFFSET = 24;

	/** Offset of the server's heartbeat, epoch milliseconds (long). */
	public static final int SERVER_HEARTBEAT_OFFSET = 32;

	/** Offset of the attached client's process id, 0 for none (long). */
	public static final int CLIENT_PID_OFFSET = 40;

	/** Offset of the client's heartbeat, epoch milliseconds (long). */
	public static final int CLIENT_HEARTBEAT_OFFSET = 48;

	/** Length of the header; the request ring starts here. */
	public static final int HEADER_LENGTH = 128;

	/** Server state: the server takes requests. */
	public static final int STATE_READY = 1;

	/** Server state: the server is draining for a shutdown and takes no new requests. */
	public static final int STATE_DRAINING = 2;

	/** Server state: the server has stopped; the file is about to be removed. */
	public static final int STATE_CLOSED = 3;

	/** Message type: a fire-and-forget message (correlation id 0), no reply. */
	public static final int TYPE_SEND = 1;

	/** Message type: a request, answered by one reply or error with its correlation id. */
	public static final int TYPE_REQUEST = 2;

	/** Message type: the reply to the request with the same correlation id. */
	public static final int TYPE_REPLY = 3;

	/** Message type: the listener failed on the request with the same correlation id (UTF-8 text). */
	public static final int TYPE_ERROR = 4;

	/** Length of the correlation id that starts every message body. */
	public static final int CORRELATION_LENGTH = 8;

	/** Smallest ring capacity accepted. */
	public static final int MIN_CAPACITY = 1024;

	/** Largest ring capacity accepted (256 MiB), which keeps a file under 2 GiB, the most one mapping holds. */
	public static final int MAX_CAPACITY = 1 << 28;

	private ShmLayout() {
	}

	/**
	 * Return the offset of the request ring (its data, then its trailer).
	 * @return the offset
	 */
	public static int requestRingOffset() {
		return HEADER_LENGTH;
	}

	/**
	 * Return the offset of the reply ring.
	 * @param requestCapacity the request ring's capacity
	 * @return the offset
	 */
	public static long replyRingOffset(int requestCapacity) {
		return (long) HEADER_LENGTH + requestCapacity + RingBufferDescriptor.TRAILER_LENGTH;
	}

	/**
	 * Return the length of a file with rings of these capacities.
	 * @param requestCapacity the request ring's capacity
	 * @param replyCapacity the reply ring's capacity
	 * @return the file length in bytes
	 */
	public static long fileLength(int requestCapacity, int replyCapacity) {
		return replyRingOffset(requestCapacity) + replyCapacity + RingBufferDescriptor.TRAILER_LENGTH;
	}

	/**
	 * Return the largest message body a ring of a capacity can carry: Agrona's limit of an eighth
	 * of the capacity, less the correlation id.
	 * @param capacity the ring's capacity
	 * @return the largest body in bytes
	 */
	public static int maxBodyLength(int capacity) {
		return capacity / 8 - CORRELATION_LENGTH;
	}

	/**
	 * Check a ring capacity.
	 * @param capacity the capacity
	 * @return whether it is a power of two between {@link #MIN_CAPACITY} and {@link #MAX_CAPACITY}
	 */
	public static boolean isValidCapacity(int capacity) {
		return capacity >= MIN_CAPACITY && capacity <= MAX_CAPACITY && BitUtil.isPowerOfTwo(capacity);
	}

}
