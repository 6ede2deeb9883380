package io.github.ipcboot.shm;

import org.jspecify.annotations.Nullable;

/**
 * The base of the exceptions of shared-memory channels.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public class ShmException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param message the detail message, naming the channel and the numbers involved
	 */
	public ShmException(String message) {
		super(message);
	}

	/**
	 * Create a new instance.
	 * @param message the detail message, naming the channel and the numbers involved
	 * @param cause the underlying failure
	 */
	public ShmException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
