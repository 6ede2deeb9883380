package io.github.ipcboot.framing;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A buffered input stream that the codecs of this package decode from in bulk: they scan the
 * buffer for the end of a frame and keep whatever follows for the next frame, so a socket is read
 * in blocks instead of one system call per byte. Give each connection exactly one instance for its
 * whole life (its read-ahead belongs to that connection and is released with it); the starter's
 * connection support does that for Spring Integration's blocking connections.
 * <p>
 * Other readers can use it as an ordinary buffered stream. It is not thread-safe: one thread reads
 * at a time, as a connection's reader does.
 * <p>
 * A codec given any other stream reads only the bytes of the current frame from it (one byte at a
 * time while it looks for a terminator), so it never takes bytes that belong to someone else.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class FrameInputStream extends InputStream {

	/** Initial buffer size in bytes, the size of one bulk read. */
	public static final int DEFAULT_BUFFER_SIZE = 8192;

	private static final int EXACT_BUFFER_SIZE = 64;

	private final InputStream source;

	private final boolean readAhead;

	/** The size the buffer starts with and shrinks back to once a large frame is done. */
	private final int initialSize;

	byte[] buf;

	int pos;

	int limit;

	/** Bytes of an oversized frame of known length still to skip. */
	long skip;

	/** Whether to skip to the end of an oversized delimited frame before the next frame. */
	boolean resync;

	private @Nullable Runnable beforeSourceRead;

	/**
	 * Create a new instance with a buffer of {@value #DEFAULT_BUFFER_SIZE} bytes.
	 * @param source the stream to read from, typically a socket's
	 */
	public FrameInputStream(InputStream source) {
		this(source, DEFAULT_BUFFER_SIZE);
	}

	/**
	 * Create a new instance.
	 * @param source the stream to read from, typically a socket's
	 * @param bufferSize the initial buffer size and the size of one bulk read; the buffer grows
	 * up to a codec's maximum frame size when a frame needs it, and shrinks back to this size
	 * before the next read that does not need more
	 */
	public FrameInputStream(InputStream source, int bufferSize) {
		this(source, bufferSize, true);
	}

	private FrameInputStream(InputStream source, int bufferSize, boolean readAhead) {
		if (bufferSize <= 0) {
			throw new IllegalArgumentException("bufferSize must be positive, got " + bufferSize);
		}
		this.source = Objects.requireNonNull(source, "source must not be null");
		this.readAhead = readAhead;
		this.initialSize = bufferSize;
		this.buf = new byte[bufferSize];
	}

	/**
	 * A view of a foreign stream that reads only as many bytes as a codec asks for, used for one
	 * frame and then dropped.
	 */
	static FrameInputStream exact(InputStream source) {
		return new FrameInputStream(source, EXACT_BUFFER_SIZE, false);
	}

	/**
	 * Return the stream this one reads from.
	 * @return the source stream
	 */
	public InputStream getSource() {
		return this.source;
	}

	/**
	 * Set an action to run before every read from the source, which may block (also the reads of
	 * a large frame's remainder straight into the frame, and skips). A server uses it to flush the
	 * replies to requests it has already read before it waits for more.
	 * @param action the action, or {@code null} for none
	 */
	public void setBeforeSourceRead(@Nullable Runnable action) {
		this.beforeSourceRead = action;
	}

	boolean readsAhead() {
		return this.readAhead;
	}

	/**
	 * Return how many bytes were read from the source and not consumed yet (no system call).
	 * @return the number of buffered bytes
	 */
	public int buffered() {
		return this.limit - this.pos;
	}

	int capacity() {
		return this.buf.length;
	}

	/**
	 * Read more bytes from the source after the buffered ones.
	 * @param wanted how many more bytes the caller knows it needs at least (one or more); a
	 * stream without read-ahead reads no more than this
	 * @param capacity how many bytes the caller may need buffered at once; the buffer grows up to
	 * this when it is full of unread bytes
	 * @return the number of bytes read, or -1 at the end of the stream
	 * @throws IOException if the source fails
	 */
	int fill(int wanted, int capacity) throws IOException {
		if (this.pos == this.limit) {
			this.pos = 0;
			this.limit = 0;
		}
		if (this.buf.length > this.initialSize && buffered() + wanted <= this.initialSize) {
			// the large frame that grew the buffer is done: give its memory back
			resize(this.initialSize);
		}
		else if (this.buf.length - this.limit < Math.max(wanted, this.buf.length >>> 3)) {
			// little room left after the unread bytes: move them to the front (or grow) so the
			// next read is a full block rather than a few bytes
			makeRoom(Math.max(capacity, this.buffered() + wanted));
		}
		int space = this.buf.length - this.limit;
		int n = readSource(this.buf, this.limit, this.readAhead ? space : Math.min(wanted, space));
		if (n > 0) {
			this.limit += n;
		}
		return n;
	}

	/**
	 * Read from the source, after the action to run before a read that may block.
	 */
	int readSource(byte[] target, int offset, int length) throws IOException {
		runBeforeSourceRead();
		return this.source.read(target, offset, length);
	}

	private void runBeforeSourceRead() {
		Runnable action = this.beforeSourceRead;
		if (action != null) {
			action.run();
		}
	}

	private void makeRoom(int capacity) {
		int unread = this.limit - this.pos;
		if (this.pos > 0) {
			System.arraycopy(this.buf, this.pos, this.buf, 0, unread);
			this.pos = 0;
			this.limit = unread;
		}
		if (this.limit == this.buf.length) {
			if (this.buf.length >= capacity) {
				throw new IllegalStateException("Buffer of " + this.buf.length + " bytes is full");
			}
			long doubled = Math.max((long) this.buf.length * 2, 16);
			// go straight to the capacity when doubling would land just short of it
			resize((int) ((capacity - doubled < doubled / 2) ? capacity : doubled));
		}
	}

	/**
	 * Move the unread bytes to the front of a new buffer of the given size.
	 */
	private void resize(int size) {
		int unread = this.limit - this.pos;
		byte[] resized = new byte[size];
		System.arraycopy(this.buf, this.pos, resized, 0, unread);
		this.buf = resized;
		this.pos = 0;
		this.limit = unread;
	}

	/**
	 * Take {@code length} buffered bytes, starting {@code offset} bytes after the read position,
	 * as a new array.
	 */
	byte[] copy(int offset, int length) {
		byte[] frame = new byte[length];
		System.arraycopy(this.buf, this.pos + offset, frame, 0, length);
		return frame;
	}

	void consume(int count) {
		this.pos += count;
	}

	@Override
	public int read() throws IOException {
		if (this.pos == this.limit && fill(1, this.buf.length) < 0) {
			return -1;
		}
		return this.buf[this.pos++] & 0xFF;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		Objects.checkFromIndexSize(off, len, b.length);
		if (len == 0) {
			return 0;
		}
		if (this.pos == this.limit) {
			if (len >= this.buf.length) {
				return readSource(b, off, len);
			}
			if (fill(len, this.buf.length) < 0) {
				return -1;
			}
		}
		int n = Math.min(len, this.limit - this.pos);
		System.arraycopy(this.buf, this.pos, b, off, n);
		this.pos += n;
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		if (n <= 0) {
			return 0;
		}
		int fromBuffer = (int) Math.min(n, this.limit - this.pos);
		this.pos += fromBuffer;
		if (fromBuffer > 0) {
			return fromBuffer;
		}
		runBeforeSourceRead();
		return this.source.skip(n);
	}

	@Override
	public int available() throws IOException {
		return this.buffered() + this.source.available();
	}

	@Override
	public void close() throws IOException {
		this.source.close();
	}

}
