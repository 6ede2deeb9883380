package io.github.ipcboot.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;

/**
 * Reads the frames of a {@link TcpClient}'s connections and marks a frame that has more bytes
 * right behind it, already received: a reply so marked is followed by data that answers no
 * request. The mark is taken on the reader thread as the frame is read, before any other thread
 * can read further (on NIO, where frames of one socket may be handed over on several threads,
 * they are numbered as well).
 */
final class ClientMessageMapper extends TcpMessageMapper {

	/** Header set (to {@code true}) on a frame with more bytes behind it. */
	static final String MORE_BUFFERED = "ipc_moreBuffered";

	ClientMessageMapper(boolean sequenced) {
		setApplySequence(sequenced);
	}

	@Override
	public @Nullable Message<?> toMessage(TcpConnection connection, @Nullable Map<String, Object> headers) {
		Message<?> message = super.toMessage(connection, headers);
		if (message == null || !moreBuffered(connection)) {
			return message;
		}
		return MessageBuilder.fromMessage(message).setHeader(MORE_BUFFERED, true).build();
	}

	/**
	 * Return whether bytes of a connection are received and not read yet (a counter, no system
	 * call; callable from any thread, where it may be a moment behind).
	 * @param connection the connection
	 * @return whether bytes wait in its input stream
	 */
	static boolean moreBuffered(TcpConnection connection) {
		try {
			return connection.getDeserializerStateKey() instanceof InputStream in && in.available() > 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
