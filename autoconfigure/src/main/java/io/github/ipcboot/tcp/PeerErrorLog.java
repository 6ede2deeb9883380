package io.github.ipcboot.tcp;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLException;

import io.github.ipcboot.framing.FramingException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Logs the errors a peer causes on one connection so that no peer can flood the log: the first
 * error in what it sent (bytes that are not frames, an oversized frame, a failed TLS handshake) at
 * WARN, in one line without a stack trace; every later one, and the peer going away (a reset, a
 * broken pipe), at DEBUG only, where the stack trace is given too. The WARN lines of all
 * connections of a server (or client) together are bounded by its {@link WarnRateLimit}.
 */
final class PeerErrorLog {

	private static final Log logger = LogFactory.getLog(PeerErrorLog.class);

	private final TcpConnection connection;

	private final WarnRateLimit warnings;

	private final AtomicBoolean warned = new AtomicBoolean();

	/**
	 * Create the log of one connection.
	 * @param connection the connection
	 * @param warnings the bound on the WARN lines of all connections of its server or client
	 */
	PeerErrorLog(TcpConnection connection, WarnRateLimit warnings) {
		this.connection = connection;
		this.warnings = warnings;
	}

	/**
	 * A read or write failed: a failed TLS handshake is the peer's error, a frame error was logged
	 * as the frame was read, the end of the stream and a timeout are no errors, the rest is the
	 * peer going away.
	 * @param error the failure, as the connection publishes it
	 */
	void failed(Throwable error) {
		if (hasCause(error, SSLException.class)) {
			protocolError(error);
		}
		else if (!hasCause(error, FramingException.class) && !hasCause(error, SoftEndOfStreamException.class)
				&& !hasCause(error, SocketTimeoutException.class)) {
			connectionLost(error);
		}
	}

	private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
		for (Throwable current = error; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The peer sent something this end cannot accept.
	 * @param error what was wrong
	 */
	void protocolError(Throwable error) {
		if (this.warned.compareAndSet(false, true) && logger.isWarnEnabled()) {
			long held = this.warnings.acquire();
			if (held >= 0) {
				logger.warn(describe(error) + " (further errors of this connection are logged at DEBUG"
						+ ((held > 0) ? "; " + held + " such warnings of other connections were held back" : "") + ")");
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
