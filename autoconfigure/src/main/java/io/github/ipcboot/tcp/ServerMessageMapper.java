package io.github.ipcboot.tcp;

import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ipcboot.framing.FrameInputStream;
import io.github.ipcboot.framing.FrameTooLargeException;
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

	ServerMessageMapper(String serverName, ServerErrorPolicy policy, Charset charset) {
		this.serverName = serverName;
		this.policy = policy;
		this.charset = charset;
	}

	@Override
	public @Nullable Message<?> toMessage(TcpConnection connection, @Nullable Map<String, Object> headers) {
		try {
			return super.toMessage(connection, headers);
		}
		catch (UncheckedIOException ex) {
			if (!(ex.getCause() instanceof FrameTooLargeException tooLarge)) {
				throw ex;
			}
			this.framesTooLarge.incrementAndGet();
			logger.warn("Server '" + this.serverName + "', connection " + connection.getConnectionId() + ": "
					+ tooLarge.getMessage() + "; " + this.policy.onFrameTooLarge());
			if (this.policy.onFrameTooLarge() == TcpErrorAction.CLOSE) {
				throw ex;
			}
			connection.send(new GenericMessage<>(
					this.policy.frameTooLargeReply(tooLarge.getLimit()).getBytes(this.charset)));
			// only a connection reading through a FrameInputStream skips the rest of the frame; on
			// any other (NIO) the stream is out of step, so the connection must go
			if (this.policy.onFrameTooLarge() == TcpErrorAction.REPLY_AND_CLOSE
					|| !(connection.getDeserializerStateKey() instanceof FrameInputStream)) {
				throw ex;
			}
			return null;
		}
	}

	long getFramesTooLarge() {
		return this.framesTooLarge.get();
	}

}
