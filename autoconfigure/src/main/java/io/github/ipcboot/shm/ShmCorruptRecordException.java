package io.github.ipcboot.shm;

/**
 * Raised when a ring holds what no well-behaved peer writes (a length, offset, position or type out\n * of bounds): the reader stops before it reads outside the ring or allocates past the channel's\n * {@code max-message-size}.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public class ShmCorruptRecordException extends ShmException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param message the detail message, naming the channel and the numbers involved
	 */
	public ShmCorruptRecordException(String message) {
		super(message);
	}

}
