package io.github.ipcboot.tcp;

import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ipcboot.framing.FrameInputStream;
import io.github.ipcboot.framing.FrameTooLargeException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import org.springframework.messaging.Message;
import org.springframework.integration.support.MessageBuilder;
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

	ServerMessageMapper(String serverName, ServerErrorPolicy policy, Charset charset) {
		this.serverName = serverName;
		this.policy = policy;
		this.charset = charset;
	}

	@Override
	public @Nullable Message<?> toMessage(TcpConnection connection, @Nullable Map<String, Object> headers) {
		if (connection instanceof InFlightFrames.Tracked tracked && tracked.inFlight().isOutOfStep()) {
			// a NIO connection after an oversized frame: what follows is the rest of that frame.
			// Drop what is buffered and end the connection; it closes once the frames before the
			// oversized one are answered
			discardBuffered(connection);
			throw new SoftEndOfStreamException("Closing after an oversized frame");
		}
		Message<?> message;
		try {
			message = super.toMessage(connection, headers);
		}
		catch (UncheckedIOException ex) {
			if (!(ex.getCause() instanceof FrameTooLargeException tooLarge)) {
				throw ex;
			}
			message = frameTooLarge(connection, tooLarge, ex);
		}
		if (message != null && connection instanceof InFlightFrames.Tracked tracked) {
			tracked.inFlight().started();
		}
		return message;
	}

	private @Nullable Message<?> frameTooLarge(TcpConnection connection, FrameTooLargeException tooLarge,
			UncheckedIOException ex) {
		this.framesTooLarge.incrementAndGet();
		// the connection has logged the error (once per connection at WARN) as it read the frame
		if (logger.isDebugEnabled()) {
			logger.debug("Server '" + this.serverName + "', connection " + connection.getConnectionId() + ": "
					+ tooLarge.getMessage() + "; " + this.policy.onFrameTooLarge());
		}
		if (!(connection.getDeserializerStateKey() instanceof FrameInputStream)) {
			// NIO: earlier frames may still wait for their turn; the dispatcher answers in order
			// and then closes (the stream is out of step: the rest of the frame cannot be skipped)
			if (connection instanceof InFlightFrames.Tracked tracked) {
				tracked.inFlight().markOutOfStep();
			}
			return MessageBuilder.withPayload(tooLarge)
				.setHeader(IpHeaders.CONNECTION_ID, connection.getConnectionId())
				.setHeader(IntegrationMessageHeaderAccessor.SEQUENCE_NUMBER,
						connection.incrementAndGetConnectionSequence())
				.build();
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
