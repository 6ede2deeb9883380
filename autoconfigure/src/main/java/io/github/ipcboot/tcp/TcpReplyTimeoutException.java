package io.github.ipcboot.tcp;

import java.time.Duration;

/**
 * Raised when no free pooled connection, the write of the request, or its (whole) reply did not
 * come within a {@link TcpClient}'s reply timeout. The connection that waited is closed, so a late
 * reply cannot be taken for the answer to a later request.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class TcpReplyTimeoutException extends TcpClientException {

	private static final long serialVersionUID = 1L;

	private final Duration timeout;

	/**
	 * Create a new instance.
	 * @param message the detail message, naming the client and the server
	 * @param timeout the timeout that passed
	 */
	public TcpReplyTimeoutException(String message, Duration timeout) {
		super(message);
		this.timeout = timeout;
	}

	/**
	 * Return the timeout that passed.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
