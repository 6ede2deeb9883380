package io.github.ipcboot.tcp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.messaging.support.GenericMessage;

/**
 * The {@link TcpSession} of one server connection.
 */
final class ServerSession implements TcpSession {

	private final TcpConnection connection;

	private final String serverName;

	private final Charset charset;

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	private final InetSocketAddress remoteAddress;

	private final FrameSequencer sequencer = new FrameSequencer();

	ServerSession(TcpConnection connection, String serverName, Charset charset) {
		this.connection = connection;
		this.serverName = serverName;
		this.charset = charset;
		this.remoteAddress = new InetSocketAddress(literal(connection.getHostAddress()), connection.getPort());
	}

	private static InetAddress literal(String hostAddress) {
		try {
			// a literal address: no name service look-up
			return InetAddress.getByName(hostAddress);
		}
		catch (UnknownHostException ex) {
			return InetAddress.getLoopbackAddress();
		}
	}

	@Override
	public String id() {
		return this.connection.getConnectionId();
	}

	@Override
	public String serverName() {
		return this.serverName;
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return this.remoteAddress;
	}

	@Override
	public Map<String, Object> attributes() {
		return this.attributes;
	}

	@Override
	public void send(byte[] frame) {
		send(frame, false);
	}

	/**
	 * Write the listener's reply, whose flush may wait while more requests are buffered.
	 */
	void sendReply(byte[] frame) {
		send(frame, true);
	}

	private void send(byte[] frame, boolean deferrable) {
		try {
			GenericMessage<byte[]> message = new GenericMessage<>(frame);
			if (this.connection instanceof BufferedTcpNetConnectionSupport.BufferedTcpNetConnection buffered) {
				buffered.send(message, deferrable);
			}
			else {
				this.connection.send(message);
			}
		}
		catch (RuntimeException ex) {
			throw new TcpSessionClosedException("Could not send a frame of " + frame.length + " bytes on connection "
					+ id() + " of server '" + this.serverName + "'", ex);
		}
	}

	@Override
	public void send(String frame) {
		send(frame.getBytes(this.charset));
	}

	@Override
	public boolean isOpen() {
		return this.connection.isOpen();
	}

	@Override
	public void close() {
		this.connection.close();
	}

	Charset charset() {
		return this.charset;
	}

	FrameSequencer sequencer() {
		return this.sequencer;
	}

	/**
	 * A frame of this connection was handled: a close held back for it may go ahead.
	 */
	void frameHandled() {
		if (this.connection instanceof InFlightFrames.Tracked tracked) {
			tracked.inFlight().finished();
		}
	}

	@Override
	public String toString() {
		return "TcpSession[" + this.serverName + " " + id() + "]";
	}

}
