package io.github.ipcboot.shm;

/**
 * Raised when a request gets no reply within its timeout.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public class ShmTimeoutException extends ShmException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param message the detail message, naming the channel and the numbers involved
	 */
	public ShmTimeoutException(String message) {
		super(message);
	}

}
