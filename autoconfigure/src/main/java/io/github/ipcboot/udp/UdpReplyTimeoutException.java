package io.github.ipcboot.udp;

import org.jspecify.annotations.Nullable;

/**
 * Raised when no attempt of a {@link UdpClient} request got a reply in time.
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public class UdpReplyTimeoutException extends UdpClientException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param message the detail message, with the client, server, timeout and attempts
	 * @param cause the last error reported by the socket (e.g. port unreachable), if any
	 */
	public UdpReplyTimeoutException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
