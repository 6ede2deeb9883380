package io.github.ipcboot.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLEngine;

import io.github.ipcboot.tcp.TcpObserver.CloseReason;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpNioSSLConnection;
import org.springframework.messaging.Message;

/**
 * An admitted TLS connection (its statistics count the bytes before encryption and after
 * decryption), as {@link GatedTcpNioConnection}, whose server-side handshake runs the handshake
 * clock of its {@link ConnectionDeadlines}, after the PROXY protocol header if the server speaks it.
 */
final class GatedTcpNioSslConnection extends TcpNioSSLConnection
		implements FrameSender, FrameBacklog.Tracked, ConnectionStats.Tracked, ConnectionDeadlines.Abortable {

	/** The cipher suite of a session before its handshake has completed. */
	private static final String NO_CIPHER_SUITE = "SSL_NULL_WITH_NULL_NULL";

	private final SSLEngine engine;

	private volatile boolean handshaking;

	private final SocketChannel channel;

	private final NioConnectionControl control;

	private final NioFrameWriter writer;

	GatedTcpNioSslConnection(SocketChannel socketChannel, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName,
			SSLEngine engine, GateTicket ticket, ConnectionRegistry registry, long maxPendingBytes,
			@Nullable TcpProxyProtocol proxyProtocol) {
		super(socketChannel, server, lookupHost, applicationEventPublisher, connectionFactoryName, engine);
		this.channel = socketChannel;
		this.control = new NioConnectionControl(this, super.inputStream(), ticket, registry, maxPendingBytes,
				super::close, socketChannel, proxyProtocol);
		// the TLS stream, which encrypts what the writer flushes
		this.writer = new NioFrameWriter(this, super.getChannelOutputStream(), this.control.stats().deadlines(),
				this::publishConnectionExceptionEvent, () -> closeConnection(true));
		this.engine = engine;
		if (server) {
			this.handshaking = true;
			if (this.control.header() == null) {
				this.control.stats().deadlines().handshakeBegins();
			}
		}
	}

	@Override
	public @Nullable FrameBacklog backlog() {
		return this.control.backlog();
	}

	@Override
	public ConnectionStats stats() {
		return this.control.stats();
	}

	@Override
	protected InputStream inputStream() {
		return this.control.input();
	}

	@Override
	public void send(Message<?> message) {
		this.writer.send(message);
	}

	@Override
	public void sendFrame(byte[] frame, boolean deferrable) {
		this.writer.send(frame);
	}

	@Override
	public long getLastSend() {
		return this.writer.lastSend();
	}

	@Override
	protected ByteBuffer allocate(int length) {
		return super.allocate(NioConnectionControl.readBufferSize(length, this.engine.getSession().getPacketBufferSize()));
	}

	@Override
	public Object getPayload() {
		return this.control.readFrame(super::getPayload);
	}

	@Override
	public Serializer<?> getSerializer() {
		return this.control.stats().countWrites(super.getSerializer());
	}

	@Override
	public void readPacket() {
		this.control.read(super::readPacket);
	}

	@Override
	public long getLastRead() {
		return this.control.lastActive(super.getLastRead());
	}

	@Override
	protected void publishConnectionExceptionEvent(Throwable cause) {
		this.control.failed(cause, () -> super.publishConnectionExceptionEvent(cause));
	}

	@Override
	protected void closeConnection(boolean isException) {
		if (!this.control.holdBackEndOfStream()) {
			super.closeConnection(isException);
		}
	}

	@Override
	public void close() {
		this.control.close();
	}

	@Override
	public String getHostAddress() {
		return ProxyHeaderReading.hostAddress(NioConnectionControl.header(this.control), super.getHostAddress());
	}

	@Override
	public String getHostName() {
		return ProxyHeaderReading.hostAddress(NioConnectionControl.header(this.control), super.getHostName());
	}

	@Override
	public int getPort() {
		return ProxyHeaderReading.port(NioConnectionControl.header(this.control), super.getPort());
	}

	@Override
	public void abort(CloseReason reason) {
		setNoReadErrorOnClose(true);
		this.control.abort(this.channel, reason);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * With the write clock running: the TLS layer writes here on its own, on the read task
	 * (handshake messages, a TLS 1.3 KeyUpdate reply, a renegotiation), and such a write blocks
	 * on a client that does not read as any reply does.
	 */
	@Override
	protected void sendToPipe(ByteBuffer networkBuffer) throws IOException {
		ProxyHeaderReading header = this.control.header();
		if (header != null && !header.isDone()) {
			if (!this.control.passOn(networkBuffer)) {
				return;
			}
			// the PROXY protocol header has been read: the TLS handshake follows
			this.control.stats().deadlines().handshakeBegins();
		}
		this.control.stats().deadlines().write(() -> super.sendToPipe(networkBuffer));
		if (this.handshaking && !NO_CIPHER_SUITE.equals(this.engine.getSession().getCipherSuite())) {
			this.handshaking = false;
			this.control.stats().deadlines().handshakeEnded();
		}
	}

}
