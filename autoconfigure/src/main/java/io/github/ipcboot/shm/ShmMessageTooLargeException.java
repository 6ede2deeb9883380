package io.github.ipcboot.shm;

/**
 * Raised when a message body is larger than the channel's {@code max-message-size}.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public class ShmMessageTooLargeException extends ShmException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param message the detail message, naming the channel and the numbers involved
	 */
	public ShmMessageTooLargeException(String message) {
		super(message);
	}

}
