package io.github.ipcboot.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import io.github.ipcboot.tcp.TcpObserver.CloseReason;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.messaging.Message;

/**
 * An admitted NIO connection, created by {@link GatedTcpNioConnectionSupport}: its overrides
 * delegate to its {@link NioConnectionControl}, and it writes through a {@link NioFrameWriter}.
 */
final class GatedTcpNioConnection extends TcpNioConnection
		implements FrameSender, FrameBacklog.Tracked, ConnectionStats.Tracked, ConnectionDeadlines.Abortable {

	private final SocketChannel channel;

	private final NioConnectionControl control;

	private final NioFrameWriter writer;

	private final boolean server;

	/**
	 * Decided on the first read, when the connection's listener is known (one read at a time, but
	 * not always on the same thread).
	 */
	private volatile boolean readerChosen;

	private volatile @Nullable NioFrameReader reader;

	GatedTcpNioConnection(SocketChannel socketChannel, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName,
			GateTicket ticket, ConnectionRegistry registry, long maxPendingBytes,
			@Nullable TcpProxyProtocol proxyProtocol) {
		super(socketChannel, server, lookupHost, applicationEventPublisher, connectionFactoryName);
		this.channel = socketChannel;
		this.server = server;
		this.control = new NioConnectionControl(this, super.inputStream(), ticket, registry, maxPendingBytes,
				super::close, socketChannel, proxyProtocol);
		this.writer = new NioFrameWriter(this, super.getChannelOutputStream(), this.control.stats().deadlines(),
				this::publishConnectionExceptionEvent, () -> closeConnection(true));
	}

	@Override
	public @Nullable FrameBacklog backlog() {
		// frames read by the starter's own reader are handled as they are read: no backlog
		return (this.reader != null) ? null : this.control.backlog();
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
		NioFrameReader current = this.reader;
		if (deferrable && current != null && current.mayDeferFlush()) {
			this.writer.sendDeferred(frame);
		}
		else {
			this.writer.send(frame);
		}
	}

	@Override
	public long getLastSend() {
		return this.writer.lastSend();
	}

	@Override
	protected ByteBuffer allocate(int length) {
		return super.allocate(NioConnectionControl.readBufferSize(length, 0));
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
		if (!this.readerChosen) {
			this.readerChosen = true;
			this.reader = NioFrameReader.forConnection(this, this.server, this.channel, this.control.stats(), this.writer,
					this.control, this::publishConnectionExceptionEvent, this::close);
		}
		NioFrameReader current = this.reader;
		if (current != null) {
			current.read();
		}
		else {
			this.control.read(super::readPacket);
		}
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Without the PROXY protocol header, which a server behind a load balancer takes first.
	 */
	@Override
	protected void sendToPipe(ByteBuffer buffer) throws IOException {
		if (this.control.passOn(buffer)) {
			super.sendToPipe(buffer);
		}
	}

	@Override
	public long getLastRead() {
		NioFrameReader current = this.reader;
		return (current != null) ? current.lastActive(super.getLastRead()) : this.control.lastActive(super.getLastRead());
	}

	/**
	 * Return whether request bytes read by the starter's own reader wait to be handled.
	 * @return whether bytes are buffered
	 */
	boolean hasBufferedBytes() {
		NioFrameReader current = this.reader;
		return current != null && current.hasBufferedBytes();
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

	/**
	 * {@inheritDoc}
	 * <p>
	 * The replies held back for the flush after a read are flushed first: every frame handled
	 * before the close is answered, also when a later frame of the same read closes the
	 * connection.
	 */
	@Override
	public void close() {
		this.writer.flushBeforeClose();
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

}
