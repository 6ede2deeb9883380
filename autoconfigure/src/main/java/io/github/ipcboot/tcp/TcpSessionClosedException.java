package io.github.ipcboot.tcp;

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
	 * @param cause the failure, if any
	 */
	public TcpSessionClosedException(String message, Throwable cause) {
		super(message, cause);
	}

}
