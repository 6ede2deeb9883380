package io.github.ipcboot.framing;

/**
 * Raised when a frame is longer than the codec's maximum frame size. The codec never grows its
 * buffer past the limit (plus the framing's own bytes) to find out. When the codec reads through a
 * {@link FrameInputStream}, the rest of the oversized frame is skipped before the next frame is
 * decoded, so a reader that catches this error can go on with the next frame (the starter's
 * servers do, when configured to); on any other stream the position after this error is
 * undefined.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class FrameTooLargeException extends FramingException {

	private static final long serialVersionUID = 1L;

	private final int limit;

	private final long size;

	/**
	 * Create a new instance.
	 * @param limit the maximum frame size in bytes
	 * @param size the size of the frame: the announced length where the framing has one, or the
	 * number of bytes seen so far without the end of the frame
	 * @param detail what was seen, e.g. "read 70012 bytes without the terminator"
	 */
	public FrameTooLargeException(int limit, long size, String detail) {
		super("frame exceeds " + limit + " bytes (" + detail + ")");
		this.limit = limit;
		this.size = size;
	}

	/**
	 * Return the maximum frame size that was exceeded.
	 * @return the limit in bytes
	 */
	public int getLimit() {
		return this.limit;
	}

	/**
	 * Return the announced length of the frame, or the number of bytes seen without the end of it.
	 * @return the size in bytes
	 */
	public long getSize() {
		return this.size;
	}

}
