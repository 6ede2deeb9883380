package io.github.ipcboot.tcp;

/**
 * Raised when a {@link TcpClient} request fails: the connection could not be made, no reply came
 * in time, or the connection closed before the reply.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class TcpClientException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param message the detail message, naming the client and the server
	 * @param cause the underlying failure, if any
	 */
	public TcpClientException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Create a new instance.
	 * @param message the detail message, naming the client and the server
	 */
	public TcpClientException(String message) {
		super(message);
	}

}
