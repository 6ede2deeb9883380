package io.github.ipcboot.tcp.unix;

import java.io.UncheckedIOException;
import java.io.IOException;

/**
 * Thrown when a client cannot connect to a Unix domain socket: no file at the path
 * ({@code NoSuchFileException}), or a socket nobody listens on ({@code ConnectException}).
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class UnixSocketConnectException extends UncheckedIOException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param message the path and the cause
	 * @param cause the failure of the connect
	 */
	public UnixSocketConnectException(String message, IOException cause) {
		super(message, cause);
	}

}
