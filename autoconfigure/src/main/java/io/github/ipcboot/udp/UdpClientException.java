package io.github.ipcboot.udp;

import org.jspecify.annotations.Nullable;

/**
 * Raised when a {@link UdpClient} cannot send a datagram or gets no reply.
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public class UdpClientException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param message the detail message, naming the client and the server
	 * @param cause the underlying failure, if any
	 */
	public UdpClientException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
