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
		GateTicket ticket = new GateTicket(gateToUse);
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
	 * Close a connection for its server's watchdog without blocking: its place in the gate is
	 * given back and its channel closed at once (a writer waiting for the peer to read wakes up and
	 * fails, and finishes the connection's close); after a frame or handshake timeout, where no
	 * writer waits, the connection's own close follows.
	 */
	static void abort(SocketChannel channel, GateTicket ticket, CloseReason reason, Runnable close) {
		ticket.release();
		try {
			channel.close();
		}
		catch (IOException ex) {
			// closed already
		}
		if (reason != CloseReason.WRITE_TIMEOUT) {
			close.run();
		}
	}

	/**
	 * Return whether bytes wait to be read from a NIO connection's input stream (a counter, no
	 * system call).
	 */
	static boolean hasInput(InputStream input) {
		try {
			return input.available() > 0;
		}
		catch (IOException ex) {
			return false;
		}
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
			implements InFlightFrames.Tracked, ConnectionStats.Tracked, ConnectionDeadlines.Abortable {

		private final SocketChannel channel;

		private final GateTicket ticket;

		private final InFlightFrames inFlight;

		private final ConnectionStats stats;

		private final InputStream input;

		private final ChannelOutputStream output;

		GatedTcpNioConnection(SocketChannel socketChannel, boolean server, boolean lookupHost,
				@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName,
				GateTicket ticket, ConnectionRegistry registry) {
			super(socketChannel, server, lookupHost, applicationEventPublisher, connectionFactoryName);
			this.channel = socketChannel;
			this.ticket = ticket;
			this.inFlight = new InFlightFrames(ticket);
			this.stats = registry.register(this, true);
			this.input = this.stats.countReads(super.inputStream());
			this.output = new WatchedChannelOutputStream(this, super.getChannelOutputStream(), this.stats.deadlines());
		}

		@Override
		protected ChannelOutputStream getChannelOutputStream() {
			return this.output;
		}

		@Override
		public void abort(CloseReason reason) {
			setNoReadErrorOnClose(true);
			GatedTcpNioConnectionSupport.abort(this.channel, this.ticket, reason, this::close);
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
			return this.stats.readFrame(super::getPayload, hasInput(this.input));
		}

		@Override
		public Serializer<?> getSerializer() {
			return this.stats.countWrites(super.getSerializer());
		}

		@Override
		protected void publishConnectionExceptionEvent(Throwable cause) {
			this.stats.failed(cause);
			super.publishConnectionExceptionEvent(cause);
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

		/**
		 * The stream a NIO connection writes to (the TLS one of a TLS connection), given bytes
		 * in chunks with the write clock running. Spring Integration's stream waits for the socket
		 * to take more (up to the idle timeout per wait); a watchdog that closes the channel wakes
		 * it up.
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
	 * An admitted TLS connection that gives its place back when it closes, and keeps statistics
	 * (of the bytes before encryption and after decryption).
	 */
	static final class GatedTcpNioSslConnection extends TcpNioSSLConnection
			implements InFlightFrames.Tracked, ConnectionStats.Tracked, ConnectionDeadlines.Abortable {

		/** The cipher suite of a session before its handshake has completed. */
		private static final String NO_CIPHER_SUITE = "SSL_NULL_WITH_NULL_NULL";

		private final SocketChannel channel;

		private final SSLEngine engine;

		private final GateTicket ticket;

		private final InFlightFrames inFlight;

		private final ConnectionStats stats;

		private final InputStream input;

		private final ChannelOutputStream output;

		private volatile boolean handshaking;

		GatedTcpNioSslConnection(SocketChannel socketChannel, boolean server, boolean lookupHost,
				@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName,
				SSLEngine engine, GateTicket ticket, ConnectionRegistry registry) {
			super(socketChannel, server, lookupHost, applicationEventPublisher, connectionFactoryName, engine);
			this.channel = socketChannel;
			this.engine = engine;
			this.ticket = ticket;
			this.inFlight = new InFlightFrames(ticket);
			this.stats = registry.register(this, true);
			this.input = this.stats.countReads(super.inputStream());
			// creates the TLS stream now, which Spring Integration otherwise creates on first use
			this.output = new GatedTcpNioConnection.WatchedChannelOutputStream(this, super.getChannelOutputStream(),
					this.stats.deadlines());
			if (server) {
				this.handshaking = true;
				this.stats.deadlines().handshakeBegins();
			}
		}

		@Override
		protected ChannelOutputStream getChannelOutputStream() {
			return this.output;
		}

		@Override
		protected void sendToPipe(ByteBuffer networkBuffer) throws IOException {
			super.sendToPipe(networkBuffer);
			if (this.handshaking && !NO_CIPHER_SUITE.equals(this.engine.getSession().getCipherSuite())) {
				this.handshaking = false;
				this.stats.deadlines().handshakeEnded();
			}
		}

		@Override
		public void abort(CloseReason reason) {
			setNoReadErrorOnClose(true);
			GatedTcpNioConnectionSupport.abort(this.channel, this.ticket, reason, this::close);
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
			return this.stats.readFrame(super::getPayload, hasInput(this.input));
		}

		@Override
		public Serializer<?> getSerializer() {
			return this.stats.countWrites(super.getSerializer());
		}

		@Override
		protected void publishConnectionExceptionEvent(Throwable cause) {
			this.stats.failed(cause);
			super.publishConnectionExceptionEvent(cause);
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
