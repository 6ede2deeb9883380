package io.github.ipcboot.tcp;

/**
 * What a draining server does with a frame that arrives on an open connection after the drain
 * began. Either way the frame is not handed to the listener, it is counted, and the connection
 * closes once nothing else is in flight on it.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public enum TcpShutdownAction {

	/** Drop the frame without an answer. */
	IGNORE,

	/** Answer it with the configured shutdown reply. */
	REPLY

}
