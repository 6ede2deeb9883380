package io.github.ipcboot.shm;

import org.jspecify.annotations.Nullable;

/**
 * Raised when a channel file cannot be created, opened or mapped, or its header is not one this
 * version understands (wrong magic, version or sizes).
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public class ShmFileException extends ShmException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param message the detail message, naming the file and the numbers involved
	 * @param cause the underlying failure, if any
	 */
	public ShmFileException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
