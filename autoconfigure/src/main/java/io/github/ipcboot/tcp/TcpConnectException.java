package io.github.ipcboot.tcp;

/**
 * Raised when a {@link TcpClient} cannot connect to its server.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class TcpConnectException extends TcpClientException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param message the detail message, naming the client and the server
	 * @since 0.2.0
	 */
	public TcpConnectException(String message) {
		super(message);
	}

	/**
	 * Create a new instance.
	 * @param message the detail message, naming the client and the server
	 * @param cause the underlying failure
	 */
	public TcpConnectException(String message, Throwable cause) {
		super(message, cause);
	}

}
