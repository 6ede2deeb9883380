package io.github.ipcboot.tcp;

import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;

/**
 * Logs the errors a peer causes on one connection so that no peer can flood the log: the first
 * error in what it sent (bytes that are not frames, an oversized frame, a failed TLS handshake) at
 * WARN, in one line without a stack trace; every later one, and the peer going away (a reset, a
 * broken pipe), at DEBUG only, where the stack trace is given too.
 */
final class PeerErrorLog {

	private static final Log logger = LogFactory.getLog(PeerErrorLog.class);

	private final TcpConnection connection;

	private final AtomicBoolean warned = new AtomicBoolean();

	PeerErrorLog(TcpConnection connection) {
		this.connection = connection;
	}

	/**
	 * The peer sent something this end cannot accept.
	 * @param error what was wrong
	 */
	void protocolError(Throwable error) {
		if (this.warned.compareAndSet(false, true)) {
			if (logger.isWarnEnabled()) {
				logger.warn(describe(error) + " (further errors of this connection are logged at DEBUG)");
			}
		}
		connectionLost(error);
	}

	/**
	 * The peer went away or the network failed.
	 * @param error how it showed
	 */
	void connectionLost(Throwable error) {
		if (logger.isDebugEnabled()) {
			logger.debug(describe(error), error);
		}
	}

	private String describe(Throwable error) {
		Throwable shown = (error instanceof UncheckedIOException && error.getCause() != null) ? error.getCause()
				: error;
		String factory = (this.connection instanceof TcpConnectionSupport support)
				? support.getConnectionFactoryName() : null;
		return "Connection " + this.connection.getConnectionId() + ((factory != null) ? " of " + factory : "") + ": "
				+ shown.getClass().getSimpleName() + ": " + shown.getMessage();
	}

}
