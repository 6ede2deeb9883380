package io.github.ipcboot.framing;

import org.jspecify.annotations.Nullable;

/**
 * Finds the frames of one connection in a buffer that a non-blocking reader fills as bytes
 * arrive: each call to {@link #scan(byte[], int, int)} looks at the unread bytes and reports the
 * first complete frame, or that more bytes are needed. It remembers how far it has searched for a
 * delimiter, so a frame that arrives a few bytes at a time is searched once, not once per read.
 * <p>
 * The frames, their limits and errors are the codec's: a frame over the maximum frame size is
 * reported as a {@link FrameTooLargeException} as soon as that is known (a length header that
 * announces too much, or more bytes than the largest frame without a delimiter), bytes outside a
 * start-end frame as a {@link MalformedFrameException}. Create one per connection with
 * {@link FrameCodec#newScanner()}; it is not thread-safe (one reader at a time, as a connection's).
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public final class FrameScanner {

	/** What {@link #scan(byte[], int, int)} returns while the next frame is not complete. */
	public static final int INCOMPLETE = -1;

	private final FrameCodec codec;

	/** Bytes after the read position already searched for a delimiter without finding it. */
	int scanned;

	private int contentOffset;

	private int contentLength;

	FrameScanner(FrameCodec codec) {
		this.codec = codec;
	}

	/**
	 * Look for the first complete frame at the start of {@code buffer[from, to)}.
	 * @param buffer the bytes read
	 * @param from the first unread byte (the start of the next frame)
	 * @param to the end of the bytes read
	 * @return how many bytes the frame takes with its framing bytes (the caller consumes them),
	 * or {@link #INCOMPLETE}; once a frame is found, {@link #contentOffset()} and
	 * {@link #contentLength()} locate its content in the buffer
	 * @throws FramingException if the bytes are not a frame that can be accepted: the rest of the
	 * stream cannot be read as frames
	 */
	public int scan(byte[] buffer, int from, int to) throws FramingException {
		return this.codec.scan(this, buffer, from, to);
	}

	/**
	 * Return the most bytes one frame takes with its framing bytes: a reader whose buffer holds
	 * this many unread bytes always gets a frame or an error from {@link #scan(byte[], int, int)}.
	 * @return the size in bytes
	 */
	public int largestFrameBytes() {
		return this.codec.largestFrameBytes();
	}

	/**
	 * Return the error for a stream that ends with the given number of unread bytes.
	 * @param unread the bytes read after the last frame
	 * @return the error, or {@code null} if the stream ended cleanly between frames
	 */
	public @Nullable IncompleteFrameException endOfStream(int unread) {
		return (unread > 0) ? new IncompleteFrameException(unread, -1) : null;
	}

	/**
	 * Return where the content of the last frame found begins in the buffer.
	 * @return the offset
	 */
	public int contentOffset() {
		return this.contentOffset;
	}

	/**
	 * Return the length of the content of the last frame found.
	 * @return the length in bytes
	 */
	public int contentLength() {
		return this.contentLength;
	}

	/**
	 * A frame was found: its content and the bytes it takes with its framing.
	 */
	int found(int offset, int length, int total) {
		this.contentOffset = offset;
		this.contentLength = length;
		this.scanned = 0;
		return total;
	}

	/**
	 * Look for a delimiter after {@code offset} bytes of the unread ones, from where the last
	 * call left off.
	 * @param unterminatedLimit the most content bytes (plus the delimiter's length - 1) that may
	 * come without the delimiter
	 * @return the length of the content before the delimiter, or {@link #INCOMPLETE}
	 * @throws FrameTooLargeException when more bytes than that came without it
	 */
	int findDelimiter(byte[] buffer, int from, int offset, int to, byte[] delimiter, int maxContent,
			long unterminatedLimit) throws FrameTooLargeException {
		int start = from + offset;
		int at = Delimiters.indexOf(buffer, start + this.scanned, to, delimiter);
		if (at >= 0) {
			return at - start;
		}
		int unread = to - start;
		int keep = delimiter.length - 1;
		if (unread > unterminatedLimit) {
			this.scanned = 0;
			throw Delimiters.unterminated(maxContent, unread - keep, delimiter);
		}
		this.scanned = Math.max(0, unread - keep);
		return INCOMPLETE;
	}

}
