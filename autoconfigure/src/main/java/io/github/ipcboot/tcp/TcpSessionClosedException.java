package io.github.ipcboot.tcp;

import org.jspecify.annotations.Nullable;

/**
 * Raised when a frame cannot be written because the connection is closed or the write failed.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class TcpSessionClosedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param message the detail message, naming the connection
	 * @param cause the failure, or {@code null} when the connection was closed already
	 */
	public TcpSessionClosedException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
