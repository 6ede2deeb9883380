package io.github.ipcboot.tcp;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.SocketInfo;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * A frame read by a server connection whose only consumer is the server's own
 * {@link TcpServerDispatcher}: the dispatcher reads the connection id and the frame's sequence
 * number from fields, so no header map, message id or timestamp is made per frame. Anyone else
 * who asks for the headers (a debug log line, an interceptor) gets the same headers Spring
 * Integration's mapper gives, built on first use.
 */
final class FrameMessage implements Message<Object> {

	/** The sequence of a frame that is not numbered (blocking connections deliver in order). */
	static final long UNNUMBERED = -1;

	private final Object payload;

	private final TcpConnection connection;

	private final long sequence;

	private volatile @Nullable MessageHeaders headers;

	/**
	 * Create the message of one frame.
	 * @param payload the frame's bytes, or the {@code FrameTooLargeException} of an oversized one
	 * @param connection the connection it was read from
	 * @param sequence its number on the connection, or {@link #UNNUMBERED}
	 */
	FrameMessage(Object payload, TcpConnection connection, long sequence) {
		this.payload = payload;
		this.connection = connection;
		this.sequence = sequence;
	}

	@Override
	public Object getPayload() {
		return this.payload;
	}

	String connectionId() {
		return this.connection.getConnectionId();
	}

	/**
	 * Return the frame's number on its connection, or {@link #UNNUMBERED}.
	 */
	long sequence() {
		return this.sequence;
	}

	@Override
	public MessageHeaders getHeaders() {
		MessageHeaders existing = this.headers;
		if (existing != null) {
			return existing;
		}
		Map<String, Object> values = new HashMap<>();
		values.put(IpHeaders.HOSTNAME, this.connection.getHostName());
		values.put(IpHeaders.IP_ADDRESS, this.connection.getHostAddress());
		values.put(IpHeaders.REMOTE_PORT, this.connection.getPort());
		values.put(IpHeaders.CONNECTION_ID, this.connection.getConnectionId());
		SocketInfo socket = this.connection.getSocketInfo();
		if (socket != null) {
			values.put(IpHeaders.LOCAL_ADDRESS, socket.getLocalAddress());
		}
		if (this.sequence != UNNUMBERED) {
			values.put(IntegrationMessageHeaderAccessor.CORRELATION_ID, this.connection.getConnectionId());
			values.put(IntegrationMessageHeaderAccessor.SEQUENCE_NUMBER, this.sequence);
		}
		MessageHeaders created = new MessageHeaders(values);
		this.headers = created;
		return created;
	}

	@Override
	public String toString() {
		String size = (this.payload instanceof byte[] bytes) ? bytes.length + " bytes" : this.payload.toString();
		return "FrameMessage [" + size + ", connection " + this.connection.getConnectionId()
				+ ((this.sequence != UNNUMBERED) ? ", #" + this.sequence : "") + "]";
	}

}
