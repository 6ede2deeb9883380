package io.github.ipcboot.tcp;

import javax.net.ssl.SSLSession;

import io.github.ipcboot.tcp.BufferedTcpNetConnectionSupport.BufferedTcpNetConnection;
import io.github.ipcboot.tcp.PendingExchange.Progress;
import io.github.ipcboot.tcp.TcpObserver.CloseReason;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioSSLConnection;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

/**
 * One connection of a {@link TcpClient}'s pool, carrying at most one request at a time. A frame is
 * a reply only while a request's exchange is open on the connection: a frame that arrives while
 * none is (or bytes that are already there when a reply completes) retires and closes the
 * connection, so that it cannot be taken for the reply to a later request.
 */
final class PooledConnection {

	private static final Log logger = LogFactory.getLog(PooledConnection.class);

	/** The cipher suite of an SSL session before its handshake has completed. */
	private static final String NO_CIPHER_SUITE = "SSL_NULL_WITH_NULL_NULL";

	private final TcpConnection connection;

	private final String client;

	private final @Nullable FrameSequencer sequencer;

	/** Guarded by this. */
	private @Nullable PendingExchange exchange;

	/** Guarded by this: the connection carries no further request. */
	private boolean retired;

	/** Guarded by this: a fire-and-forget frame is being written. */
	private boolean sending;

	private volatile Role role = Role.REQUEST;

	private volatile long idleSince = System.nanoTime();

	/**
	 * Wrap a connection that has just opened (before any frame of it is read).
	 * @param connection the connection
	 * @param client the client, for messages
	 * @param sequenced whether its frames carry sequence numbers and may arrive on several
	 * threads (NIO)
	 */
	PooledConnection(TcpConnection connection, String client, boolean sequenced) {
		this.connection = connection;
		this.client = client;
		this.sequencer = sequenced ? new FrameSequencer() : null;
	}

	String id() {
		return this.connection.getConnectionId();
	}

	/**
	 * Return whether the connection may carry a request: open and not retired.
	 */
	synchronized boolean isUsable() {
		return !this.retired && this.connection.isOpen();
	}

	Role role() {
		return this.role;
	}

	void setRole(Role role) {
		this.role = role;
	}

	long idleSince() {
		return this.idleSince;
	}

	/**
	 * The connection goes back to the pool now.
	 */
	void markIdle() {
		this.idleSince = System.nanoTime();
	}

	/**
	 * Return whether the connection's TLS handshake is still to complete (NIO: it runs with the
	 * first write; Net connections complete it while connecting).
	 */
	boolean isHandshaking() {
		if (!(this.connection instanceof TcpNioSSLConnection)) {
			return false;
		}
		SSLSession session = this.connection.getSslSession();
		return session == null || NO_CIPHER_SUITE.equals(session.getCipherSuite());
	}

	/**
	 * Open a request's exchange, before anything of the request is written.
	 * @param pending the exchange
	 * @return {@code false} if the connection cannot carry it (closed, or retired after an
	 * unexpected frame): nothing was written, so the request may go on another connection
	 */
	synchronized boolean begin(PendingExchange pending) {
		if (this.retired || !this.connection.isOpen()) {
			return false;
		}
		this.exchange = pending;
		return true;
	}

	/**
	 * Start writing a fire-and-forget frame: until {@link #endSend()}, a frame that arrives
	 * retires the connection but leaves the close to the writer.
	 * @return {@code false} if the connection cannot carry it: nothing was written
	 */
	synchronized boolean beginSend() {
		if (this.retired || !this.connection.isOpen()) {
			return false;
		}
		this.sending = true;
		return true;
	}

	/**
	 * The fire-and-forget frame is written (or failed); a connection retired meanwhile closes now.
	 */
	synchronized void endSend() {
		this.sending = false;
		if (this.retired) {
			close(CloseReason.UNEXPECTED_FRAME);
		}
	}

	/**
	 * Close the exchange (its reply complete, failed or given up).
	 * @param pending the exchange
	 */
	synchronized void end(PendingExchange pending) {
		if (this.exchange == pending) {
			this.exchange = null;
		}
	}

	void write(byte[] frame) {
		this.connection.send(new GenericMessage<>(frame));
	}

	/**
	 * A frame of this connection was read.
	 * @param message the frame, with the headers of {@link ClientMessageMapper}
	 */
	void onFrame(Message<?> message) {
		FrameSequencer frames = this.sequencer;
		Object sequence = message.getHeaders().get(IntegrationMessageHeaderAccessor.SEQUENCE_NUMBER);
		if (frames != null && sequence instanceof Number number) {
			frames.submit(number.longValue(), message, (next) -> handle((Message<?>) next));
		}
		else {
			handle(message);
		}
	}

	private synchronized void handle(Message<?> message) {
		if (!(message.getPayload() instanceof byte[] frame)) {
			return;
		}
		PendingExchange current = this.exchange;
		if (current == null) {
			if (!this.retired) {
				logger.warn(this.client + ": connection " + id() + " received a frame of " + frame.length
						+ " bytes that answers no request; closing it");
				this.retired = true;
				if (!this.sending) {
					close(CloseReason.UNEXPECTED_FRAME);
				}
			}
			return;
		}
		Progress progress = current.add(frame);
		if (progress == Progress.MORE) {
			return;
		}
		this.exchange = null;
		if (progress == Progress.FAILED) {
			close(CloseReason.ERROR);
			return;
		}
		if (Boolean.TRUE.equals(message.getHeaders().get(ClientMessageMapper.MORE_BUFFERED))) {
			// more data right behind the reply answers no request: never use this connection again
			logger.warn(this.client + ": connection " + id()
					+ " received more data right after a complete reply; closing it after the reply");
			close(CloseReason.UNEXPECTED_FRAME);
		}
		current.complete();
	}

	/**
	 * The connection has closed: fail the open exchange.
	 */
	synchronized void onClosed() {
		this.retired = true;
		PendingExchange current = this.exchange;
		if (current != null) {
			this.exchange = null;
			current.fail(new TcpClientException(this.client + ": connection " + id() + " closed before the reply was complete ("
					+ current.frameCount() + " frames received)"));
		}
	}

	/**
	 * Close the connection.
	 * @param reason why, as it is counted
	 */
	synchronized void close(CloseReason reason) {
		this.retired = true;
		hint(reason);
		this.connection.close();
	}

	/**
	 * Close the connection at once, also while another thread is blocked writing to it (called
	 * without this object's lock, which a writer may wait for).
	 * @param reason why, as it is counted
	 */
	void abort(CloseReason reason) {
		hint(reason);
		if (this.connection instanceof BufferedTcpNetConnection net) {
			net.abort();
		}
		else {
			this.connection.close();
		}
	}

	private void hint(CloseReason reason) {
		if (this.connection instanceof ConnectionStats.Tracked tracked) {
			tracked.stats().closing(reason);
		}
	}

	/**
	 * What a connection is used for: pooled connections of each kind are kept apart, so that a
	 * frame a server sends in answer to a fire-and-forget frame cannot reach a request.
	 */
	enum Role {

		/** Request–reply exchanges. */
		REQUEST,

		/** Fire-and-forget sends: any frame that arrives closes the connection. */
		SEND

	}

}
