package io.github.ipcboot.shm;

/**
 * Raised when a message finds its ring full for longer than the channel's {@code full-ring-timeout}: the\n * peer does not read fast enough. Nothing was written.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public class ShmRingFullException extends ShmException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param message the detail message, naming the channel and the numbers involved
	 */
	public ShmRingFullException(String message) {
		super(message);
	}

}
