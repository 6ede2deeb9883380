package io.github.ipcboot.tcp;

import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ipcboot.framing.FrameInputStream;
import io.github.ipcboot.framing.FrameTooLargeException;
import io.github.ipcboot.framing.FramingException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

/**
 * Reads frames for a server's {@link TcpServerDispatcher} and applies the server's policy for
 * oversized frames: the codec has already skipped the rest of the frame, so the connection can
 * go on after an error reply.
 */
final class ServerMessageMapper extends TcpMessageMapper {

	private static final Log logger = LogFactory.getLog(ServerMessageMapper.class);

	private final String serverName;

	private final ServerErrorPolicy policy;

	private final Charset charset;

	private final AtomicLong framesTooLarge = new AtomicLong();

	private boolean sequenced;

	ServerMessageMapper(String serverName, ServerErrorPolicy policy, Charset charset) {
		this.serverName = serverName;
		this.policy = policy;
		this.charset = charset;
	}

	@Override
	public void setApplySequence(boolean applySequence) {
		super.setApplySequence(applySequence);
		this.sequenced = applySequence;
	}

	@Override
	public @Nullable Message<?> toMessage(TcpConnection connection, @Nullable Map<String, Object> headers) {
		FrameBacklog backlog = (connection instanceof FrameBacklog.Tracked tracked) ? tracked.backlog() : null;
		if (backlog == null) {
			return readFrame(connection, headers, null);
		}
		// NIO: wait while the connection's backlog is full, then read one frame
		backlog.assembling();
		Message<?> message = null;
		try {
			if (backlog.isOutOfStep()) {
				// after an oversized frame, what follows is the rest of that frame: drop what is
				// buffered; the connection closes once the frames before the oversized one are
				// answered
				discardBuffered(connection);
				return null;
			}
			message = readFrame(connection, headers, backlog);
			return message;
		}
		catch (RuntimeException ex) {
			if (!backlog.isInputEnded() && ex.getCause() instanceof FramingException error) {
				// bytes that do not follow the framing (counted as a frame error): the rest of the
				// stream cannot be read as frames. Answer the frames read before, then close
				logger.debug("Server '" + this.serverName + "', connection " + connection.getConnectionId() + ": "
						+ error.getMessage() + "; closing once the frames before are answered");
				backlog.markOutOfStep();
				discardBuffered(connection);
				backlog.endInput();
				return null;
			}
			if (!backlog.isInputEnded()) {
				throw ex;
			}
			// the client ended its sending side: the stream ends here (between frames, or inside
			// one, which is counted as a frame error); the connection closes once the frames read
			// before are answered
			logger.debug("Connection " + connection.getConnectionId() + " of server '" + this.serverName
					+ "' has read the end of the stream: " + ex);
			return null;
		}
		finally {
			backlog.assembled(message != null);
		}
	}

	private @Nullable Message<?> readFrame(TcpConnection connection, @Nullable Map<String, Object> headers,
			@Nullable FrameBacklog backlog) {
		try {
			if (headers != null || !(connection.getListener() instanceof TcpServerDispatcher)) {
				// another consumer (a flow, an interceptor): the message Spring Integration makes
				return super.toMessage(connection, headers);
			}
			Object payload = connection.getPayload();
			return (payload != null) ? frame(payload, connection) : null;
		}
		catch (UncheckedIOException ex) {
			if (!(ex.getCause() instanceof FrameTooLargeException tooLarge)) {
				throw ex;
			}
			return frameTooLarge(connection, tooLarge, ex, backlog);
		}
	}

	private @Nullable Message<?> frameTooLarge(TcpConnection connection, FrameTooLargeException tooLarge,
			UncheckedIOException ex, @Nullable FrameBacklog backlog) {
		countTooLarge(connection, tooLarge);
		if (!(connection.getDeserializerStateKey() instanceof FrameInputStream)) {
			// NIO: earlier frames may still wait for their turn; the dispatcher answers in order
			// and then closes (the stream is out of step: the rest of the frame cannot be skipped)
			if (backlog != null) {
				backlog.markOutOfStep();
			}
			return new FrameMessage(tooLarge, connection, connection.incrementAndGetConnectionSequence());
		}
		if (this.policy.onFrameTooLarge() == TcpErrorAction.CLOSE) {
			throw ex;
		}
		connection.send(new GenericMessage<>(this.policy.frameTooLargeReply(tooLarge.getLimit()).getBytes(this.charset)));
		if (this.policy.onFrameTooLarge() == TcpErrorAction.REPLY_AND_CLOSE) {
			throw ex;
		}
		// the FrameInputStream skips the rest of the frame: go on with the next one
		return null;
	}

	/**
	 * Count an oversized frame of the connection (the connection has logged the error, once per
	 * connection at WARN, as it read the frame).
	 * @param connection the connection
	 * @param tooLarge the error
	 */
	void countTooLarge(TcpConnection connection, FrameTooLargeException tooLarge) {
		this.framesTooLarge.incrementAndGet();
		if (logger.isDebugEnabled()) {
			logger.debug("Server '" + this.serverName + "', connection " + connection.getConnectionId() + ": "
					+ tooLarge.getMessage() + "; " + this.policy.onFrameTooLarge());
		}
	}

	private FrameMessage frame(Object payload, TcpConnection connection) {
		return new FrameMessage(payload, connection,
				this.sequenced ? connection.incrementAndGetConnectionSequence() : FrameMessage.UNNUMBERED);
	}

	private static void discardBuffered(TcpConnection connection) {
		if (connection.getDeserializerStateKey() instanceof InputStream in) {
			try {
				in.skip(in.available());
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
	}

	long getFramesTooLarge() {
		return this.framesTooLarge.get();
	}

}
