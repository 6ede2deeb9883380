package io.github.ipcboot.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

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

	/**
	 * Create the support of a server.
	 * @param gate the server's gate
	 * @param tls the TLS settings, or {@code null} for plain TCP
	 * @param registry the registry of the server's connections
	 */
	GatedTcpNioConnectionSupport(ConnectionGate gate, @Nullable TcpTls tls, ConnectionRegistry registry) {
		this(gate, tls, null, 0, registry);
	}

	/**
	 * Create the support of a client.
	 * @param tls the TLS settings, or {@code null} for plain TCP
	 * @param peerHost the server's host, which its certificate must match when verified
	 * @param peerPort the server's port
	 * @param registry the registry of the client's connections
	 */
	GatedTcpNioConnectionSupport(@Nullable TcpTls tls, String peerHost, int peerPort, ConnectionRegistry registry) {
		this(null, tls, peerHost, peerPort, registry);
	}

	private GatedTcpNioConnectionSupport(@Nullable ConnectionGate gate, @Nullable TcpTls tls,
			@Nullable String peerHost, int peerPort, ConnectionRegistry registry) {
		this.gate = gate;
		this.tls = tls;
		this.sslContext = (tls != null) ? tls.bundle().createSslContext() : null;
		this.peerHost = peerHost;
		this.peerPort = peerPort;
		this.registry = registry;
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
		SSLContext context = this.sslContext;
		TcpTls tlsToUse = this.tls;
		if (context == null || tlsToUse == null) {
			return new GatedTcpNioConnection(socketChannel, server, lookupHost, applicationEventPublisher,
					connectionFactoryName, ticket, this.registry);
		}
		SSLEngine engine = (server || this.peerHost == null) ? context.createSSLEngine()
				: context.createSSLEngine(this.peerHost, this.peerPort);
		engine.setUseClientMode(!server);
		engine.setSSLParameters(TlsSocketSupport.configure(engine.getSSLParameters(), tlsToUse, server));
		GatedTcpNioSslConnection connection = new GatedTcpNioSslConnection(socketChannel, server, lookupHost,
				applicationEventPublisher, connectionFactoryName, engine, ticket, this.registry);
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
	 * An admitted connection that gives its place back when it closes, and keeps statistics.
	 */
	static final class GatedTcpNioConnection extends TcpNioConnection
			implements InFlightFrames.Tracked, ConnectionStats.Tracked {

		private final InFlightFrames inFlight;

		private final ConnectionStats stats;

		private final InputStream input;

		private final QuietReadFailures reads;

		GatedTcpNioConnection(SocketChannel socketChannel, boolean server, boolean lookupHost,
				@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName,
				GateTicket ticket, ConnectionRegistry registry) {
			super(socketChannel, server, lookupHost, applicationEventPublisher, connectionFactoryName);
			this.inFlight = new InFlightFrames(ticket);
			this.stats = registry.register(this, true);
			this.input = this.stats.countReads(super.inputStream());
			this.reads = new QuietReadFailures();
			// read failures are logged by the statistics, once per connection at WARN at most
			setNoReadErrorOnClose(true);
		}

		@Override
		public InFlightFrames inFlight() {
			return this.inFlight;
		}

		@Override
		public ConnectionStats stats() {
			return this.stats;
		}

		@Override
		protected InputStream inputStream() {
			return this.input;
		}

		@Override
		public Object getPayload() {
			return this.stats.readFrame(super::getPayload);
		}

		@Override
		public Serializer<?> getSerializer() {
			return this.stats.countWrites(super.getSerializer());
		}

		@Override
		public void readPacket() {
			this.reads.run(super::readPacket);
		}

		@Override
		protected void publishConnectionExceptionEvent(Throwable cause) {
			this.stats.failed(cause);
			super.publishConnectionExceptionEvent(cause);
			this.reads.failed(cause);
		}

		@Override
		public void close() {
			this.inFlight.close(this::closeNow);
		}

		private void closeNow() {
			// count the close first: once closed, the reader may fail on the closed stream
			this.stats.closed();
			super.close();
		}

	}

	/**
	 * An admitted TLS connection that gives its place back when it closes, and keeps statistics
	 * (of the bytes before encryption and after decryption).
	 */
	static final class GatedTcpNioSslConnection extends TcpNioSSLConnection
			implements InFlightFrames.Tracked, ConnectionStats.Tracked {

		private final InFlightFrames inFlight;

		private final ConnectionStats stats;

		private final InputStream input;

		private final QuietReadFailures reads;

		GatedTcpNioSslConnection(SocketChannel socketChannel, boolean server, boolean lookupHost,
				@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName,
				SSLEngine engine, GateTicket ticket, ConnectionRegistry registry) {
			super(socketChannel, server, lookupHost, applicationEventPublisher, connectionFactoryName, engine);
			this.inFlight = new InFlightFrames(ticket);
			this.stats = registry.register(this, true);
			this.input = this.stats.countReads(super.inputStream());
			this.reads = new QuietReadFailures();
			// read failures are logged by the statistics, once per connection at WARN at most
			setNoReadErrorOnClose(true);
		}

		@Override
		public InFlightFrames inFlight() {
			return this.inFlight;
		}

		@Override
		public ConnectionStats stats() {
			return this.stats;
		}

		@Override
		protected InputStream inputStream() {
			return this.input;
		}

		@Override
		public Object getPayload() {
			return this.stats.readFrame(super::getPayload);
		}

		@Override
		public Serializer<?> getSerializer() {
			return this.stats.countWrites(super.getSerializer());
		}

		@Override
		public void readPacket() {
			this.reads.run(super::readPacket);
		}

		@Override
		protected void publishConnectionExceptionEvent(Throwable cause) {
			this.stats.failed(cause);
			super.publishConnectionExceptionEvent(cause);
			this.reads.failed(cause);
		}

		@Override
		public void close() {
			this.inFlight.close(this::closeNow);
		}

		private void closeNow() {
			// count the close first: once closed, the reader may fail on the closed stream
			this.stats.closed();
			super.close();
		}

	}

}
