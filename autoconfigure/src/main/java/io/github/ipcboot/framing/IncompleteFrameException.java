package io.github.ipcboot.framing;

/**
 * Raised when the stream ends in the middle of a frame, like asyncio's {@code IncompleteReadError}.
 * A stream that ends cleanly between two frames raises Spring Integration's
 * {@code SoftEndOfStreamException} instead, so that connections close quietly.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class IncompleteFrameException extends FramingException {

	private static final long serialVersionUID = 1L;

	private final int received;

	private final long expected;

	/**
	 * Create a new instance.
	 * @param received the number of bytes of the unfinished frame that were received, framing
	 * bytes such as a header or start sequence included
	 * @param expected the number of bytes the frame should have had, or {@code -1} when the
	 * framing cannot tell
	 */
	public IncompleteFrameException(int received, long expected) {
		super("stream ended after " + received + " bytes of an unfinished frame"
				+ ((expected >= 0) ? " (expected " + expected + ")" : ""));
		this.received = received;
		this.expected = expected;
	}

	/**
	 * Return how many bytes of the unfinished frame were received.
	 * @return the number of bytes
	 */
	public int getReceived() {
		return this.received;
	}

	/**
	 * Return how many bytes the frame should have had.
	 * @return the expected number of bytes, or {@code -1} when unknown
	 */
	public long getExpected() {
		return this.expected;
	}

}
