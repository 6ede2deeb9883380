package io.github.ipcboot.tcp;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLSession;

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
 * a reply only from the moment its request starts being written until the reply is complete.
 * Anything else retires and closes the connection, so that it cannot be taken for the reply to a
 * later request: a frame that arrives while no request is being written or answered (a greeting,
 * a frame the server sends unasked), data already received when a request is about to begin, and
 * data right behind a complete reply (that reply fails too: it may be a greeting read together
 * with the real reply). A frame that arrives after a request was written cannot be told from its
 * reply; see {@link TcpClient}.
 * <p>
 * The bytes of one reply, with those of frames read but still waiting for their turn (NIO), are
 * bounded by max-reply-size: beyond, the request fails and the connection closes.
 */
final class PooledConnection {

	private static final Log logger = LogFactory.getLog(PooledConnection.class);

	/** The cipher suite of an SSL session before its handshake has completed. */
	private static final String NO_CIPHER_SUITE = "SSL_NULL_WITH_NULL_NULL";

	private final TcpConnection connection;

	private final String client;

	private final @Nullable FrameSequencer sequencer;

	private final long maxReplySize;

	private final PooledConnectionCloser closer;

	/** Bytes of frames handed to the sequencer and not handled yet (NIO). */
	private final AtomicLong waitingBytes = new AtomicLong();

	/** Bytes of the open exchange's reply so far (written under this object's lock). */
	private volatile long collected;

	/** Guarded by this. */
	private @Nullable PendingExchange exchange;

	/** Guarded by this: the open exchange's request is being written, so frames are its reply. */
	private boolean writing;

	/** Guarded by this: the connection carries no further request. */
	private boolean retired;

	/** Guarded by this: a fire-and-forget frame is being written. */
	private boolean sending;

	/** Guarded by this: frames handled (or dropped), to compare with the frames read. */
	private long handled;

	private final ClientGreeting greeting;

	private volatile Role role = Role.REQUEST;

	private volatile long idleSince = System.nanoTime();

	/**
	 * Wrap a connection that has just opened (before any frame of it is read).
	 * @param connection the connection
	 * @param client the client, for messages
	 * @param sequenced whether its frames carry sequence numbers and may arrive on several
	 * threads (NIO)
	 * @param maxReplySize the most bytes of one reply, and of the frames waiting for their turn
	 * @param greeting whether the server sends a frame (a greeting) first, which is discarded
	 * @param closer runs the closes a NIO reader thread asks for (see {@link #close})
	 */
	PooledConnection(TcpConnection connection, String client, boolean sequenced, long maxReplySize,
			boolean greeting, Executor closer) {
		this.connection = connection;
		this.client = client;
		this.sequencer = sequenced ? new FrameSequencer() : null;
		this.maxReplySize = maxReplySize;
		this.closer = new PooledConnectionCloser(connection, sequenced ? closer : null);
		this.greeting = new ClientGreeting(greeting);
	}

	/**
	 * Wait for the server's greeting on a new connection, if one is due.
	 * @param deadline until when ({@link System#nanoTime()})
	 * @return whether no greeting is due any more
	 */
	boolean awaitGreeting(long deadline) {
		return this.greeting.await(deadline, this.client);
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
	 * Open a request's exchange, before anything of the request is written; frames are its reply
	 * only once {@link #startWrite} has been called.
	 * @param pending the exchange
	 * @return {@code false} if the connection cannot carry it (closed, retired, or data received
	 * already, which is then retired): nothing was written, so the request may go on another
	 * connection
	 */
	synchronized boolean begin(PendingExchange pending) {
		if (!isFree()) {
			return false;
		}
		clearExchange();
		this.exchange = pending;
		return true;
	}

	/**
	 * The request's write starts now: from here on, frames are its reply.
	 * @param pending the exchange opened by {@link #begin}
	 * @return {@code false} if a frame arrived (or the connection closed) since: nothing was
	 * written, so the request may go on another connection
	 */
	synchronized boolean startWrite(PendingExchange pending) {
		if (this.exchange != pending || this.retired || !this.connection.isOpen()) {
			return false;
		}
		this.writing = true;
		return true;
	}

	/**
	 * Start writing a fire-and-forget frame: until {@link #endSend()}, a frame that arrives
	 * retires the connection but leaves the close to the writer.
	 * @return {@code false} if the connection cannot carry it: nothing was written
	 */
	synchronized boolean beginSend() {
		if (!isFree()) {
			return false;
		}
		this.sending = true;
		return true;
	}

	/**
	 * Return whether the connection is open, not retired and has received nothing that was not
	 * handled yet; one that has is retired.
	 */
	private boolean isFree() {
		if (this.retired || !this.connection.isOpen()) {
			return false;
		}
		long read = (this.connection instanceof ConnectionStats.Tracked tracked) ? tracked.stats().framesReceived()
				: this.handled;
		if (read > this.handled || this.waitingBytes.get() > 0 || ClientMessageMapper.moreBuffered(this.connection)) {
			retire("has data that answers no request (received while it was idle)");
			return false;
		}
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
			clearExchange();
		}
	}

	private void clearExchange() {
		this.exchange = null;
		this.writing = false;
		this.collected = 0;
	}

	void write(byte[] frame) {
		this.connection.send(new GenericMessage<>(frame));
	}

	/**
	 * A frame of this connection was read.
	 * @param message the frame, with the headers of {@link ClientMessageMapper}
	 */
	void onFrame(Message<?> message) {
		if (!(message.getPayload() instanceof byte[] frame)) {
			return;
		}
		FrameSequencer frames = this.sequencer;
		Object sequence = message.getHeaders().get(IntegrationMessageHeaderAccessor.SEQUENCE_NUMBER);
		if (frames == null || !(sequence instanceof Number number)) {
			handle(message, frame, false);
			return;
		}
		// frames waiting for their turn count with the reply they join: together within max-reply-size
		long waiting = this.waitingBytes.addAndGet(frame.length) + this.collected;
		if (waiting > this.maxReplySize) {
			overflow(waiting);
			return;
		}
		frames.submit(number.longValue(), message, (next) -> {
			Message<?> ready = (Message<?>) next;
			handle(ready, (byte[]) ready.getPayload(), true);
		});
	}

	private synchronized void handle(Message<?> message, byte[] frame, boolean sequenced) {
		this.handled++;
		if (sequenced) {
			this.waitingBytes.addAndGet(-frame.length);
		}
		if (this.greeting.take()) {
			return;
		}
		PendingExchange current = this.exchange;
		if (current == null || !this.writing) {
			if (!this.retired) {
				// before the write started (a greeting?), the request may still go on another connection
				clearExchange();
				retire("received a frame of " + frame.length + " bytes that answers no request");
			}
			return;
		}
		Progress progress = current.add(frame);
		this.collected = current.bytes();
		if (progress == Progress.MORE) {
			return;
		}
		clearExchange();
		if (progress != Progress.DONE) {
			close((progress == Progress.TOO_LARGE) ? CloseReason.REPLY_TOO_LARGE : CloseReason.ERROR);
			return;
		}
		if (Boolean.TRUE.equals(message.getHeaders().get(ClientMessageMapper.MORE_BUFFERED))) {
			// data right behind the reply answers no request; the "reply" may itself be a frame the
			// server sent unasked (a greeting read together with the real reply): trust neither
			logger.warn(this.client + ": connection " + id()
					+ " received more data right behind a reply; failing the request and closing the connection");
			close(CloseReason.UNEXPECTED_FRAME);
			current.fail(new TcpClientException(this.client + ": connection " + id() + " received more data right "
					+ "behind the reply (a frame the server sent unasked?), so the reply cannot be trusted"));
			return;
		}
		current.complete();
	}

	/**
	 * Frames waiting for their turn exceed max-reply-size: fail the exchange and close.
	 */
	private synchronized void overflow(long waiting) {
		this.handled++;
		if (this.retired) {
			return;
		}
		PendingExchange current = this.writing ? this.exchange : null;
		clearExchange();
		if (current != null) {
			current.fail(current.tooLarge(waiting));
		}
		logger.warn(this.client + ": connection " + id() + " has " + waiting + " bytes waiting, more than "
				+ this.maxReplySize + " (max-reply-size); closing it");
		close((current != null) ? CloseReason.REPLY_TOO_LARGE : CloseReason.UNEXPECTED_FRAME);
	}

	/**
	 * Retire and close the connection (a fire-and-forget writer closes it when done).
	 */
	private void retire(String why) {
		logger.warn(this.client + ": connection " + id() + " " + why + "; closing it");
		this.retired = true;
		if (!this.sending) {
			close(CloseReason.UNEXPECTED_FRAME);
		}
	}

	/**
	 * The connection has closed: fail the open exchange if its request was (being) written.
	 */
	synchronized void onClosed() {
		this.retired = true;
		this.greeting.connectionClosed();
		PendingExchange current = this.exchange;
		clearExchange();
		// before its write started, the request goes on another connection instead
		if (current != null && this.writing) {
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
		this.closer.close(reason);
	}

	/**
	 * Close the connection at once, also while another thread is blocked writing to it (called
	 * without this object's lock, which a writer may wait for).
	 * @param reason why, as it is counted
	 */
	void abort(CloseReason reason) {
		this.closer.abort(reason);
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
