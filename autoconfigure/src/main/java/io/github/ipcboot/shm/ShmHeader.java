package io.github.ipcboot.shm;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.agrona.concurrent.UnsafeBuffer;

import static io.github.ipcboot.shm.ShmLayout.CLIENT_HEARTBEAT_OFFSET;
import static io.github.ipcboot.shm.ShmLayout.CLIENT_PID_OFFSET;
import static io.github.ipcboot.shm.ShmLayout.MAGIC;
import static io.github.ipcboot.shm.ShmLayout.MAX_MESSAGE_SIZE_OFFSET;
import static io.github.ipcboot.shm.ShmLayout.REPLY_CAPACITY_OFFSET;
import static io.github.ipcboot.shm.ShmLayout.REQUEST_CAPACITY_OFFSET;
import static io.github.ipcboot.shm.ShmLayout.SERVER_HEARTBEAT_OFFSET;
import static io.github.ipcboot.shm.ShmLayout.SERVER_PID_OFFSET;
import static io.github.ipcboot.shm.ShmLayout.SERVER_STATE_OFFSET;
import static io.github.ipcboot.shm.ShmLayout.VERSION;

/**
 * The header of a channel file (see {@link ShmLayout}): volatile reads and release writes of its
 * fields. What a peer wrote is read, never trusted: {@link #check} validates the sizes against the
 * file before a client maps the rings.
 */
final class ShmHeader {

	/** How far in the future a heartbeat may be (both processes read one clock; this is for its steps). */
	static final long FUTURE_SLACK_MILLIS = 1_000;

	/** Linux's largest pid_max, 2^22. */
	private static final long PID_MAX_LIMIT = 1L << 22;

	/** The largest process id: {@code /proc/sys/kernel/pid_max}, else 2^22. */
	static final long PID_MAX = pidMax();

	private final UnsafeBuffer buffer;

	ShmHeader(UnsafeBuffer buffer) {
		this.buffer = buffer;
	}

	void initialise(int capacity, int maxMessageSize, long pid, long now) {
		this.buffer.putInt(4, VERSION);
		this.buffer.putInt(REQUEST_CAPACITY_OFFSET, capacity);
		this.buffer.putInt(REPLY_CAPACITY_OFFSET, capacity);
		this.buffer.putInt(MAX_MESSAGE_SIZE_OFFSET, maxMessageSize);
		this.buffer.putLong(SERVER_PID_OFFSET, pid);
		this.buffer.putLong(SERVER_HEARTBEAT_OFFSET, now);
		this.buffer.putInt(SERVER_STATE_OFFSET, ShmLayout.STATE_READY);
		// the magic last: a file with it is complete
		this.buffer.putIntRelease(0, MAGIC);
	}

	/**
	 * The sizes a header declares, read once and checked.
	 * @param requestCapacity the request ring's capacity
	 * @param replyCapacity the reply ring's capacity
	 * @param maxMessageSize the largest body the server reads
	 */
	record Sizes(int requestCapacity, int replyCapacity, int maxMessageSize) {
	}

	/**
	 * Check the header against the file's length; each field is read once, and only the values
	 * returned are used afterwards (a peer may change the header after the check).
	 * @param path the file, for messages
	 * @param fileLength the file's length
	 * @return the checked sizes
	 */
	Sizes check(Path path, long fileLength) {
		int magic = this.buffer.getIntVolatile(0);
		int version = this.buffer.getInt(4);
		if (magic != MAGIC || version != VERSION) {
			throw new ShmFileException("Channel file " + path + " has magic 0x" + Integer.toHexString(magic)
					+ " and version " + version + "; expected 0x" + Integer.toHexString(MAGIC) + " and " + VERSION, null);
		}
		int requestCapacity = requestCapacity();
		int replyCapacity = replyCapacity();
		if (!ShmLayout.isValidCapacity(requestCapacity) || !ShmLayout.isValidCapacity(replyCapacity)
				|| ShmLayout.fileLength(requestCapacity, replyCapacity) != fileLength) {
			throw new ShmFileException("Channel file " + path + " declares rings of " + requestCapacity + " and "
					+ replyCapacity + " bytes, which do not fit its " + fileLength + " bytes", null);
		}
		int maxMessageSize = maxMessageSize();
		int limit = ShmLayout.maxBodyLength(Math.min(requestCapacity, replyCapacity));
		if (maxMessageSize < 1 || maxMessageSize > limit) {
			throw new ShmFileException("Channel file " + path + " declares a max message size of " + maxMessageSize
					+ " bytes; its rings allow 1 to " + limit, null);
		}
		return new Sizes(requestCapacity, replyCapacity, maxMessageSize);
	}

	int requestCapacity() {
		return this.buffer.getInt(REQUEST_CAPACITY_OFFSET);
	}

	int replyCapacity() {
		return this.buffer.getInt(REPLY_CAPACITY_OFFSET);
	}

	int maxMessageSize() {
		return this.buffer.getInt(MAX_MESSAGE_SIZE_OFFSET);
	}

	boolean hasMagic() {
		return this.buffer.getIntVolatile(0) == MAGIC;
	}

	int serverState() {
		return this.buffer.getIntVolatile(SERVER_STATE_OFFSET);
	}

	void serverState(int state) {
		this.buffer.putIntRelease(SERVER_STATE_OFFSET, state);
	}

	long pid(ShmRole role) {
		return this.buffer.getLongVolatile((role == ShmRole.SERVER) ? SERVER_PID_OFFSET : CLIENT_PID_OFFSET);
	}

	void pid(ShmRole role, long pid) {
		this.buffer.putLongRelease((role == ShmRole.SERVER) ? SERVER_PID_OFFSET : CLIENT_PID_OFFSET, pid);
	}

	/**
	 * Take the client's place when no client is attached: compare-and-set the client pid from 0.
	 * @param pid this client's pid
	 * @return whether this client has the place
	 */
	boolean claimClient(long pid) {
		return this.buffer.compareAndSetLong(CLIENT_PID_OFFSET, 0, pid);
	}

	long heartbeat(ShmRole role) {
		return this.buffer.getLongVolatile((role == ShmRole.SERVER) ? SERVER_HEARTBEAT_OFFSET : CLIENT_HEARTBEAT_OFFSET);
	}

	void heartbeat(ShmRole role, long epochMillis) {
		this.buffer.putLongRelease((role == ShmRole.SERVER) ? SERVER_HEARTBEAT_OFFSET : CLIENT_HEARTBEAT_OFFSET,
				epochMillis);
	}

	/**
	 * Return whether a side is alive: it has a process id, that process exists, and its heartbeat is
	 * younger than the timeout.
	 * @param role the side
	 * @param now the time, epoch milliseconds
	 * @param peerTimeoutMillis the timeout
	 * @return whether it is alive
	 */
	boolean isAlive(ShmRole role, long now, long peerTimeoutMillis) {
		long pid = pid(role);
		long heartbeat = heartbeat(role);
		// a pid above pid_max would be truncated to another process's; a heartbeat in the future
		// would stay fresh for ever
		return pid > 0 && pid < PID_MAX && heartbeat <= now + FUTURE_SLACK_MILLIS
				&& now - heartbeat <= peerTimeoutMillis && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	private static long pidMax() {
		// read by line: a whole-file read of a /proc file can come back short on some kernels' emulations
		try (BufferedReader reader = Files.newBufferedReader(Path.of("/proc/sys/kernel/pid_max"))) {
			long value = Long.parseLong(String.valueOf(reader.readLine()).trim());
			// below Linux's smallest pid_max (301) the file was not read right
			return (value >= 301) ? value : PID_MAX_LIMIT;
		}
		catch (IOException | RuntimeException ex) {
			return PID_MAX_LIMIT;
		}
	}

}
