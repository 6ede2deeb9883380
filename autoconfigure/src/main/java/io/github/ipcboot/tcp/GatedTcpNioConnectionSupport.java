package io.github.ipcboot.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import io.github.ipcboot.tcp.TcpObserver.CloseReason;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNioSSLConnection;

/**
 * Creates the NIO connections of a server or client, plain or TLS, and admits a server's
 * connections through its {@link ConnectionGate}. A rejected connection is shut down in both
 * directions before Spring Integration registers it: the client sees the connection closed at once,
 * nothing it sends is handled, and Spring Integration closes the channel when it reads the end of
 * the stream.
 */
final class GatedTcpNioConnectionSupport implements TcpNioConnectionSupport {

	private final @Nullable ConnectionGate gate;

	private final @Nullable TcpTls tls;

	private final @Nullable SSLContext sslContext;

	private final @Nullable String peerHost;

	private final int peerPort;

	private final ConnectionRegistry registry;

	private final long maxPendingBytes;

	/**
	 * Create the support of a server.
	 * @param gate the server's gate
	 * @param tls the TLS settings, or {@code null} for plain TCP
	 * @param registry the registry of the server's connections
	 * @param maxPendingBytes the most bytes read from one connection and not yet handled
	 */
	GatedTcpNioConnectionSupport(ConnectionGate gate, @Nullable TcpTls tls, ConnectionRegistry registry,
			long maxPendingBytes) {
		this(gate, tls, null, 0, registry, maxPendingBytes);
	}

	/**
	 * Create the support of a client.
	 * @param tls the TLS settings, or {@code null} for plain TCP
	 * @param peerHost the server's host, which its certificate must match when verified
	 * @param peerPort the server's port
	 * @param registry the registry of the client's connections
	 */
	GatedTcpNioConnectionSupport(@Nullable TcpTls tls, String peerHost, int peerPort, ConnectionRegistry registry) {
		this(null, tls, peerHost, peerPort, registry, 0);
	}

	private GatedTcpNioConnectionSupport(@Nullable ConnectionGate gate, @Nullable TcpTls tls,
			@Nullable String peerHost, int peerPort, ConnectionRegistry registry, long maxPendingBytes) {
		this.gate = gate;
		this.tls = tls;
		this.sslContext = (tls != null) ? tls.bundle().createSslContext() : null;
		this.peerHost = peerHost;
		this.peerPort = peerPort;
		this.registry = registry;
		this.maxPendingBytes = maxPendingBytes;
	}

	@Override
	public TcpNioConnection createNewConnection(SocketChannel socketChannel, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
		ConnectionGate gateToUse = server ? this.gate : null;
		if (gateToUse != null && !this.registry.admit(gateToUse, socketChannel.socket().getInetAddress())) {
			try {
				socketChannel.shutdownOutput();
				socketChannel.shutdownInput();
			}
			catch (IOException ex) {
				// the client is gone already
			}
			return new RejectedTcpNioConnection(socketChannel, lookupHost, applicationEventPublisher,
					connectionFactoryName);
		}
		GateTicket ticket = new GateTicket(gateToUse, socketChannel.socket().getInetAddress());
		// a client's replies are not handled by a dispatcher: no backlog
		long pendingBytes = server ? this.maxPendingBytes : 0;
		SSLContext context = this.sslContext;
		TcpTls tlsToUse = this.tls;
		if (context == null || tlsToUse == null) {
			return new GatedTcpNioConnection(socketChannel, server, lookupHost, applicationEventPublisher,
					connectionFactoryName, ticket, this.registry, pendingBytes);
		}
		SSLEngine engine = (server || this.peerHost == null) ? context.createSSLEngine()
				: context.createSSLEngine(this.peerHost, this.peerPort);
		engine.setUseClientMode(!server);
		engine.setSSLParameters(TlsSocketSupport.configure(engine.getSSLParameters(), tlsToUse, server));
		GatedTcpNioSslConnection connection = new GatedTcpNioSslConnection(socketChannel, server, lookupHost,
				applicationEventPublisher, connectionFactoryName, engine, ticket, this.registry, pendingBytes);
		connection.init();
		return connection;
	}

	/**
	 * Return whether the connection was turned away by a gate.
	 * @param connection a connection
	 * @return whether it was rejected
	 */
	static boolean isRejected(Object connection) {
		return connection instanceof RejectedTcpNioConnection;
	}

	/**
	 * A connection the gate turned away.
	 */
	static final class RejectedTcpNioConnection extends TcpNioConnection {

		RejectedTcpNioConnection(SocketChannel socketChannel, boolean lookupHost,
				@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
			super(socketChannel, true, lookupHost, applicationEventPublisher, connectionFactoryName);
		}

	}

	/**
	 * An admitted connection: its overrides delegate to its {@link NioConnectionControl}, and it
	 * writes through a {@link WatchedChannelOutputStream}.
	 */
	static final class GatedTcpNioConnection extends TcpNioConnection
			implements FrameBacklog.Tracked, ConnectionStats.Tracked, ConnectionDeadlines.Abortable {

		private final SocketChannel channel;

		private final NioConnectionControl control;

		private final ChannelOutputStream output;

		GatedTcpNioConnection(SocketChannel socketChannel, boolean server, boolean lookupHost,
				@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName,
				GateTicket ticket, ConnectionRegistry registry, long maxPendingBytes) {
			super(socketChannel, server, lookupHost, applicationEventPublisher, connectionFactoryName);
			this.channel = socketChannel;
			this.control = new NioConnectionControl(this, super.inputStream(), ticket, registry, maxPendingBytes,
					super::close);
			// the TLS stream of a TLS connection is created now; Spring Integration would create it
			// on first use
			this.output = new GatedTcpNioConnection.WatchedChannelOutputStream(this, super.getChannelOutputStream(),
					this.control.stats().deadlines());
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
		protected ChannelOutputStream getChannelOutputStream() {
			return this.output;
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
		public void abort(CloseReason reason) {
			setNoReadErrorOnClose(true);
			this.control.abort(this.channel, reason);
		}


		/**
		 * The stream a NIO connection writes to (the TLS one of a TLS connection), given bytes in chunks
		 * with the write clock of the connection's {@link ConnectionDeadlines} running. Spring
		 * Integration's stream waits for the socket to take more (up to the idle timeout per wait); a
		 * watchdog that closes the channel wakes it up.
		 */
		static final class WatchedChannelOutputStream extends ChannelOutputStream {

			private final OutputStream watched;

			WatchedChannelOutputStream(TcpNioConnection connection, ChannelOutputStream delegate,
					ConnectionDeadlines deadlines) {
				connection.super();
				this.watched = new WatchedOutputStream(delegate, deadlines);
			}

			@Override
			public void write(int b) throws IOException {
				this.watched.write(b);
			}

			@Override
			public void write(byte[] b) throws IOException {
				this.watched.write(b, 0, b.length);
			}

			@Override
			public void write(byte[] b, int off, int len) throws IOException {
				this.watched.write(b, off, len);
			}

			@Override
			protected void doWrite(ByteBuffer buffer) throws IOException {
				byte[] bytes = new byte[buffer.remaining()];
				buffer.get(bytes);
				this.watched.write(bytes, 0, bytes.length);
			}

		}

	}

	/**
	 * An admitted TLS connection (its statistics count the bytes before encryption and after
	 * decryption), as {@link GatedTcpNioConnection}, whose server-side handshake runs the
	 * handshake clock of its {@link ConnectionDeadlines}.
	 */
	static final class GatedTcpNioSslConnection extends TcpNioSSLConnection
			implements FrameBacklog.Tracked, ConnectionStats.Tracked, ConnectionDeadlines.Abortable {

		/** The cipher suite of a session before its handshake has completed. */
		private static final String NO_CIPHER_SUITE = "SSL_NULL_WITH_NULL_NULL";

		private final SSLEngine engine;

		private volatile boolean handshaking;

		private final SocketChannel channel;

		private final NioConnectionControl control;

		private final ChannelOutputStream output;

		GatedTcpNioSslConnection(SocketChannel socketChannel, boolean server, boolean lookupHost,
				@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName,
				SSLEngine engine, GateTicket ticket, ConnectionRegistry registry, long maxPendingBytes) {
			super(socketChannel, server, lookupHost, applicationEventPublisher, connectionFactoryName, engine);
			this.channel = socketChannel;
			this.control = new NioConnectionControl(this, super.inputStream(), ticket, registry, maxPendingBytes,
					super::close);
			// the TLS stream of a TLS connection is created now; Spring Integration would create it
			// on first use
			this.output = new GatedTcpNioConnection.WatchedChannelOutputStream(this, super.getChannelOutputStream(),
					this.control.stats().deadlines());
			this.engine = engine;
			if (server) {
				this.handshaking = true;
				this.control.stats().deadlines().handshakeBegins();
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
		protected ChannelOutputStream getChannelOutputStream() {
			return this.output;
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
		public void abort(CloseReason reason) {
			setNoReadErrorOnClose(true);
			this.control.abort(this.channel, reason);
		}

		@Override
		protected void sendToPipe(ByteBuffer networkBuffer) throws IOException {
			super.sendToPipe(networkBuffer);
			if (this.handshaking && !NO_CIPHER_SUITE.equals(this.engine.getSession().getCipherSuite())) {
				this.handshaking = false;
				this.control.stats().deadlines().handshakeEnded();
			}
		}

	}

}
