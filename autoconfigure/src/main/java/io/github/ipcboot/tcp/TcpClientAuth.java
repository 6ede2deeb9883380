package io.github.ipcboot.tcp;

/**
 * Whether a TLS server asks clients for a certificate (mutual TLS).
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public enum TcpClientAuth {

	/** Do not ask for a client certificate. */
	NONE,

	/** Ask for a client certificate, but accept clients without one. */
	WANT,

	/** Require a client certificate trusted by the server's trust store. */
	NEED

}
