package io.github.ipcboot.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;

import io.github.ipcboot.framing.FrameInputStream;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

/**
 * Gives every blocking ({@code Net}) connection of a Spring Integration connection factory its own
 * {@link FrameInputStream} for its whole life. Spring Integration otherwise hands the deserializer
 * the raw socket stream, on which a codec reading byte by byte makes one system call per byte; with
 * this support the frame codecs read the socket in blocks and keep the read-ahead with the
 * connection. Deserializers other than the frame codecs simply see a buffered stream.
 * <pre class="code">
 * TcpNetServerConnectionFactory factory = new TcpNetServerConnectionFactory(7000);
 * factory.setTcpNetConnectionSupport(new BufferedTcpNetConnectionSupport());
 * FrameCodec codec = Framing.line().createCodec();
 * factory.setSerializer(codec);
 * factory.setDeserializer(codec);
 * </pre>
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class BufferedTcpNetConnectionSupport implements TcpNetConnectionSupport {

	private final int bufferSize;

	private final @Nullable ConnectionGate gate;

	private final ConnectionRegistry registry;

	private final @Nullable ReloadableTls tls;

	private final @Nullable TcpProxyProtocol proxyProtocol;

	/**
	 * Create a new instance with buffers of {@value FrameInputStream#DEFAULT_BUFFER_SIZE} bytes.
	 */
	public BufferedTcpNetConnectionSupport() {
		this(FrameInputStream.DEFAULT_BUFFER_SIZE);
	}

	/**
	 * Create a new instance.
	 * @param bufferSize the initial buffer size of each connection and the size of one socket read
	 */
	public BufferedTcpNetConnectionSupport(int bufferSize) {
		this(bufferSize, null);
	}

	/**
	 * Create a new instance for a server that admits connections through a gate: a connection
	 * the gate rejects is closed before a byte is read from it.
	 * @param bufferSize the initial buffer size of each connection and the size of one socket read
	 * @param gate the gate, or {@code null} to admit every connection
	 */
	public BufferedTcpNetConnectionSupport(int bufferSize, @Nullable ConnectionGate gate) {
		this(bufferSize, gate, ConnectionRegistry.standalone());
	}

	/**
	 * Create a new instance for a server or client whose connections are tracked in a registry.
	 * @param bufferSize the initial buffer size of each connection and the size of one socket read
	 * @param gate the gate, or {@code null} to admit every connection
	 * @param registry the registry of the server's or client's connections
	 */
	BufferedTcpNetConnectionSupport(int bufferSize, @Nullable ConnectionGate gate, ConnectionRegistry registry) {
		this(bufferSize, gate, registry, null);
	}

	/**
	 * Create a new instance for a server whose connections are tracked in a registry.
	 * @param bufferSize the initial buffer size of each connection and the size of one socket read
	 * @param gate the gate, or {@code null} to admit every connection
	 * @param registry the registry of the server's connections
	 * @param tls the TLS settings of a server that speaks TLS over the plain sockets it accepts
	 * (so that its watchdog can always close the plain socket underneath), or {@code null}
	 */
	BufferedTcpNetConnectionSupport(int bufferSize, @Nullable ConnectionGate gate, ConnectionRegistry registry,
			@Nullable ReloadableTls tls) {
		this(bufferSize, gate, registry, tls, null);
	}

	/**
	 * Create a new instance for a server whose connections are tracked in a registry.
	 * @param bufferSize the initial buffer size of each connection and the size of one socket read
	 * @param gate the gate, or {@code null} to admit every connection
	 * @param registry the registry of the server's connections
	 * @param tls the TLS settings of a server that speaks TLS over the plain sockets it accepts
	 * (so that its watchdog can always close the plain socket underneath), or {@code null}
	 * @param proxyProtocol the PROXY protocol settings of a server behind a load balancer, whose
	 * connections start with a header that names the client, or {@code null}
	 */
	BufferedTcpNetConnectionSupport(int bufferSize, @Nullable ConnectionGate gate, ConnectionRegistry registry,
			@Nullable ReloadableTls tls, @Nullable TcpProxyProtocol proxyProtocol) {
		if (bufferSize <= 0) {
			throw new IllegalArgumentException("bufferSize must be positive, got " + bufferSize);
		}
		this.bufferSize = bufferSize;
		this.gate = gate;
		this.registry = registry;
		this.tls = tls;
		this.proxyProtocol = proxyProtocol;
	}

	@Override
	public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
		ConnectionGate gateToUse = server ? this.gate : null;
		PeerCredentials peer = ConnectionGate.peerToCheck(gateToUse, socket.getChannel());
		TcpProxyProtocol proxy = server ? this.proxyProtocol : null;
		GateTicket ticket = this.registry.admitNew(gateToUse, socket.getInetAddress(), peer, proxy);
		if (ticket == null) {
			return new RejectedTcpNetConnection(socket, lookupHost, applicationEventPublisher, connectionFactoryName);
		}
		Socket connectionSocket = socket;
		WatchedSocket watched = null;
		ReloadableTls reloadable = this.tls;
		if (server && reloadable != null) {
			try {
				// what the TLS layer writes on its own (handshake, KeyUpdate replies,
				// close_notify) runs the write clock too
				watched = new WatchedSocket(socket);
				// the bundle as last (re)loaded, for this connection's whole life
				ReloadableTls.Current current = reloadable.current();
				connectionSocket = TlsSocketSupport.serverSide(watched, current.context().getSocketFactory(),
						current.tls());
			}
			catch (IOException ex) {
				ticket.release();
				throw new UncheckedIOException(ex);
			}
		}
		BufferedTcpNetConnection connection = new BufferedTcpNetConnection(connectionSocket, socket, server,
				lookupHost, applicationEventPublisher, connectionFactoryName, this.bufferSize, ticket, this.registry,
				proxy);
		if (watched != null) {
			watched.watch(connection.stats().deadlines());
		}
		return connection;
	}

	/**
	 * Return whether the connection was turned away by the gate (and is closed or closing).
	 * @param connection a connection of a factory using this support
	 * @return whether it was rejected
	 */
	public static boolean isRejected(Object connection) {
		return connection instanceof RejectedTcpNetConnection;
	}

	/**
	 * A connection the gate turned away: its reader closes it without reading.
	 */
	static final class RejectedTcpNetConnection extends TcpNetConnection {

		RejectedTcpNetConnection(Socket socket, boolean lookupHost,
				@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
			super(socket, true, lookupHost, applicationEventPublisher, connectionFactoryName);
		}

		@Override
		public void run() {
			close();
		}

	}

}
