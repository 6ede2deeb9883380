package io.github.ipcboot.tcp.unix;

import java.io.IOException;

/**
 * Thrown when the path of a server's Unix domain socket is taken by something the server must
 * not replace: a file that is not a socket, or a socket another process listens on.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class UnixSocketFileException extends IOException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param message what is at the path
	 */
	public UnixSocketFileException(String message) {
		super(message);
	}

}
