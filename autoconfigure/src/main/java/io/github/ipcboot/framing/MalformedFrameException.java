package io.github.ipcboot.framing;

/**
 * Raised when bytes do not follow the framing: data before a start sequence, a frame to write
 * that contains its own terminator, or a frame of the wrong length for a fixed-length framing.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class MalformedFrameException extends FramingException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param message what is wrong, with the numbers that show it
	 */
	public MalformedFrameException(String message) {
		super(message);
	}

}
