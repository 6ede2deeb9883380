package io.github.ipcboot.tcp;

/**
 * What a server does with a connection when a listener fails or a frame is too large.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public enum TcpErrorAction {

	/** Close the connection. */
	CLOSE,

	/** Send the configured error frame and keep serving the connection. */
	REPLY,

	/** Send the configured error frame, then close the connection. */
	REPLY_AND_CLOSE

}
