package io.github.ipcboot.tcp;

import io.github.ipcboot.framing.FramingException;

/**
 * Raised when a frame cannot be written in the connection's framing (a {@code line} frame that
 * contains its terminator, a frame too large for its length header or its fixed length): the
 * codec refused it before any byte of it was written, so the connection stays open. A listener's
 * reply that fails so is the listener's failure: the server's {@code on-listener-error} applies.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class TcpFrameNotWritableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param frameLength the length of the frame, in bytes
	 * @param cause why the framing refused it
	 */
	public TcpFrameNotWritableException(int frameLength, FramingException cause) {
		super("A frame of " + frameLength + " bytes cannot be written: " + cause.getMessage(), cause);
	}

}
