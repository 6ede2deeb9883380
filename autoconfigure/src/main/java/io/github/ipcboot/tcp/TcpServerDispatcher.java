package io.github.ipcboot.tcp;

import java.nio.charset.Charset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ipcboot.framing.FrameTooLargeException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpSender;
import org.springframework.messaging.Message;

/**
 * Connects one server's Spring Integration connection factory to its {@link TcpListener} method:
 * keeps a {@link TcpSession} per open connection, calls the method for every frame on the
 * connection's reader thread (so frames of one connection are handled in order), writes the reply
 * and applies the error policy.
 */
final class TcpServerDispatcher implements org.springframework.integration.ip.tcp.connection.TcpListener, TcpSender {

	private static final Log logger = LogFactory.getLog(TcpServerDispatcher.class);

	private final String serverName;

	private final ListenerMethod listener;

	private final Charset charset;

	private final ServerErrorPolicy policy;

	private final Map<String, ServerSession> sessions = new ConcurrentHashMap<>();

	private final AtomicLong listenerErrors = new AtomicLong();

	private final AtomicLong framesRefused = new AtomicLong();

	/** The connections whose listener failure was logged at ERROR: later ones go to DEBUG. */
	private final Set<String> failedConnections = ConcurrentHashMap.newKeySet();

	private volatile boolean draining;

	TcpServerDispatcher(String serverName, ListenerMethod listener, Charset charset, ServerErrorPolicy policy) {
		this.serverName = serverName;
		this.listener = listener;
		this.charset = charset;
		this.policy = policy;
	}

	@Override
	public void addNewConnection(TcpConnection connection) {
		if (!BufferedTcpNetConnectionSupport.isRejected(connection)
				&& !GatedTcpNioConnectionSupport.isRejected(connection)) {
			this.sessions.put(connection.getConnectionId(),
					new ServerSession(connection, this.serverName, this.charset, () -> this.draining));
			if (!connection.isOpen()) {
				// closed before it was registered here (a stop() racing the accept): its close
				// found no session to remove
				removeDeadConnection(connection);
			}
			else if (this.draining) {
				// admitted before the drain began, registered after it scanned the sessions: idle
				// too, unless a frame of it is already waiting
				ServerSession late = this.sessions.get(connection.getConnectionId());
				if (late != null) {
					late.closeIfIdle();
				}
			}
		}
	}

	@Override
	public void removeDeadConnection(TcpConnection connection) {
		ServerSession session = this.sessions.remove(connection.getConnectionId());
		this.failedConnections.remove(connection.getConnectionId());
		if (session != null) {
			session.closed();
		}
	}

	@Override
	public void onMessage(Message<?> message) {
		Object payload = message.getPayload();
		if (!(payload instanceof byte[]) && !(payload instanceof FrameTooLargeException)) {
			// Spring Integration reports read failures to listeners as ErrorMessages; the
			// connection logs and closes them itself
			return;
		}
		String id;
		long sequence;
		if (message instanceof FrameMessage frame) {
			id = frame.connectionId();
			sequence = frame.sequence();
		}
		else {
			// a message made by Spring Integration's mapper (a user's mapper or interceptor)
			id = message.getHeaders().get(IpHeaders.CONNECTION_ID, String.class);
			Object number = message.getHeaders().get(IntegrationMessageHeaderAccessor.SEQUENCE_NUMBER);
			sequence = (number instanceof Number value) ? value.longValue() : FrameMessage.UNNUMBERED;
		}
		ServerSession session = (id != null) ? this.sessions.get(id) : null;
		if (session == null) {
			logger.debug("Dropping a frame of closed or unknown connection " + id);
			return;
		}
		if (sequence == FrameMessage.UNNUMBERED) {
			// blocking connections deliver frames on the connection's own thread, in order
			handle(session, payload);
		}
		else {
			// NIO connections number their frames: they are handled in that order
			session.sequencer().submit(sequence, payload, (next) -> handle(session, next));
		}
	}

	private void handle(ServerSession session, Object payload) {
		if (!session.isOpen() || !session.beginHandling()) {
			// the connection was closed (by the listener, the error policy, the endpoint, a
			// timeout, or a drain as idle) after this frame was read: it is not handled
			session.frameHandled();
			return;
		}
		try {
			if (payload instanceof FrameTooLargeException tooLarge) {
				answerFrameTooLarge(session, tooLarge);
				return;
			}
			if (this.draining) {
				answerShuttingDown(session);
				return;
			}
			byte[] reply = this.listener.invoke((byte[]) payload, session, this.charset);
			if (reply != null) {
				// a reply the client is no longer there for is dropped, counted and logged at DEBUG
				session.sendReply(reply);
			}
		}
		catch (Exception ex) {
			onListenerError(session, ex);
		}
		catch (Error ex) {
			// the connection's thread may end with this: do not leave the client hanging
			this.listenerErrors.incrementAndGet();
			session.close();
			throw ex;
		}
		finally {
			session.endHandling();
			session.frameHandled();
			if (this.draining) {
				session.closeIfIdle();
			}
		}
	}

	private static boolean isInterruption(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof InterruptedException) {
				return true;
			}
		}
		return Thread.currentThread().isInterrupted();
	}

	/**
	 * A frame that arrived after the drain began: answered or ignored as configured, never
	 * handed to the listener.
	 */
	private void answerShuttingDown(ServerSession session) {
		this.framesRefused.incrementAndGet();
		// replies of earlier frames that a listener streams from another thread come first
		session.awaitWorkInFlight();
		if (this.policy.onShutdown() == TcpShutdownAction.REPLY && session.isOpen()) {
			try {
				session.send(this.policy.shutdownReply());
			}
			catch (TcpSessionClosedException closed) {
				logger.debug("Could not send the shutdown reply", closed);
			}
		}
	}

	/**
	 * Begin a drain: from now on frames get the shutdown answer, idle connections close at once
	 * and busy ones after their last reply.
	 */
	void beginDrain() {
		this.draining = true;
		this.sessions.values().forEach(ServerSession::closeIfIdle);
	}

	/**
	 * The server starts again after a drain (a stopped context that is started again): frames
	 * reach the listener again.
	 */
	void endDrain() {
		this.draining = false;
	}

	/**
	 * Return how many frames arrived during a drain and were answered or ignored instead of
	 * handled.
	 */
	long getFramesRefused() {
		return this.framesRefused.get();
	}

	/**
	 * An oversized frame of a NIO connection, in its turn: reply if configured, then close.
	 */
	private void answerFrameTooLarge(ServerSession session, FrameTooLargeException tooLarge) {
		if (this.policy.onFrameTooLarge() != TcpErrorAction.CLOSE && session.isOpen()) {
			try {
				session.send(this.policy.frameTooLargeReply(tooLarge.getLimit()));
			}
			catch (TcpSessionClosedException closed) {
				logger.debug("Could not send the error reply", closed);
			}
		}
		session.close();
	}

	private void onListenerError(ServerSession session, Exception ex) {
		if (ex instanceof TcpSessionClosedException && !session.isOpen()) {
			// the connection closed while the listener wrote to it (the client went away, or it
			// was closed): not the listener's failure; what it wrote was dropped and counted
			logger.debug("Listener " + this.listener.describe() + " stopped: connection " + session.id()
					+ " of server '" + this.serverName + "' is closed", ex);
			return;
		}
		if (isInterruption(ex) && (this.draining || !session.isOpen())) {
			// the forced end of a drain (or a stop) interrupted the connection's thread: not the
			// listener's failure, and no error reply or close follows
			logger.info("Listener " + this.listener.describe() + " on connection " + session.id() + " of server '"
					+ this.serverName + "' was interrupted by the server's stop; no reply was written");
			session.close();
			return;
		}
		this.listenerErrors.incrementAndGet();
		TcpErrorAction action = this.policy.onListenerError();
		logFailure(session, action, ex);
		if (action != TcpErrorAction.CLOSE && session.isOpen()) {
			try {
				session.send(this.policy.listenerErrorReply(ex));
			}
			catch (TcpSessionClosedException closed) {
				logger.debug("Could not send the error reply", closed);
			}
		}
		if (action != TcpErrorAction.REPLY) {
			session.close();
		}
	}

	/**
	 * Log a listener failure: the first of a connection at ERROR with its stack trace, later ones
	 * of the same connection at DEBUG (all are counted), so that a client whose input the listener
	 * keeps rejecting cannot flood the log.
	 */
	private void logFailure(ServerSession session, TcpErrorAction action, Exception ex) {
		String message = "Listener " + this.listener.describe() + " failed on connection " + session.id()
				+ " of server '" + this.serverName + "'; " + action;
		if (this.failedConnections.add(session.id())) {
			if (!this.sessions.containsKey(session.id())) {
				// closed meanwhile: no later failure of it will come
				this.failedConnections.remove(session.id());
			}
			logger.error(message + " (later failures of this connection are logged at DEBUG)", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message, ex);
		}
	}

	/**
	 * Return the sessions of the open connections, by connection id.
	 */
	Map<String, ServerSession> sessions() {
		return this.sessions;
	}

	long getListenerErrors() {
		return this.listenerErrors.get();
	}

}
