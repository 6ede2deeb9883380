package io.github.ipcboot.tcp;

import java.io.IOException;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioConnectionSupport;

/**
 * Creates the NIO connections of a server or client, plain or TLS, and admits a server's
 * connections through its {@link ConnectionGate} (behind a load balancer: the balancer now, the
 * client once its PROXY protocol header is read). A rejected connection is shut down in both
 * directions before Spring Integration registers it: the client sees the connection closed at once,
 * nothing it sends is handled, and Spring Integration closes the channel when it reads the end of
 * the stream.
 */
final class GatedTcpNioConnectionSupport implements TcpNioConnectionSupport {

	private final @Nullable ConnectionGate gate;

	private final @Nullable ReloadableTls tls;

	private final @Nullable String peerHost;

	private final int peerPort;

	private final ConnectionRegistry registry;

	private final long maxPendingBytes;

	private final @Nullable TcpProxyProtocol proxyProtocol;

	/**
	 * Create the support of a server.
	 * @param gate the server's gate
	 * @param tls the TLS settings (reloadable), or {@code null} for plain TCP
	 * @param registry the registry of the server's connections
	 * @param maxPendingBytes the most bytes read from one connection and not yet handled
	 */
	GatedTcpNioConnectionSupport(ConnectionGate gate, @Nullable ReloadableTls tls, ConnectionRegistry registry,
			long maxPendingBytes) {
		this(gate, tls, registry, maxPendingBytes, null);
	}

	/**
	 * Create the support of a server, behind a load balancer if it speaks the PROXY protocol.
	 * @param gate the server's gate
	 * @param tls the TLS settings (reloadable), or {@code null} for plain TCP
	 * @param registry the registry of the server's connections
	 * @param maxPendingBytes the most bytes read from one connection and not yet handled
	 * @param proxyProtocol the PROXY protocol settings, or {@code null} when the server speaks none
	 */
	GatedTcpNioConnectionSupport(ConnectionGate gate, @Nullable ReloadableTls tls, ConnectionRegistry registry,
			long maxPendingBytes, @Nullable TcpProxyProtocol proxyProtocol) {
		this(gate, tls, null, 0, registry, maxPendingBytes, proxyProtocol);
	}

	/**
	 * Create the support of a client.
	 * @param tls the TLS settings (reloadable), or {@code null} for plain TCP
	 * @param peerHost the server's host, which its certificate must match when verified
	 * @param peerPort the server's port
	 * @param registry the registry of the client's connections
	 */
	GatedTcpNioConnectionSupport(@Nullable ReloadableTls tls, String peerHost, int peerPort,
			ConnectionRegistry registry) {
		this(null, tls, peerHost, peerPort, registry, 0, null);
	}

	private GatedTcpNioConnectionSupport(@Nullable ConnectionGate gate, @Nullable ReloadableTls tls,
			@Nullable String peerHost, int peerPort, ConnectionRegistry registry, long maxPendingBytes,
			@Nullable TcpProxyProtocol proxyProtocol) {
		this.gate = gate;
		this.tls = tls;
		this.peerHost = peerHost;
		this.peerPort = peerPort;
		this.registry = registry;
		this.maxPendingBytes = maxPendingBytes;
		this.proxyProtocol = proxyProtocol;
	}

	@Override
	public TcpNioConnection createNewConnection(SocketChannel socketChannel, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
		ConnectionGate gateToUse = server ? this.gate : null;
		PeerCredentials peer = ConnectionGate.peerToCheck(gateToUse, socketChannel);
		TcpProxyProtocol proxy = server ? this.proxyProtocol : null;
		GateTicket ticket = this.registry.admitNew(gateToUse, socketChannel.socket().getInetAddress(), peer, proxy);
		if (ticket == null) {
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
		// a client's replies are not handled by a dispatcher: no backlog
		long pendingBytes = server ? this.maxPendingBytes : 0;
		ReloadableTls reloadable = this.tls;
		if (reloadable == null) {
			return new GatedTcpNioConnection(socketChannel, server, lookupHost, applicationEventPublisher,
					connectionFactoryName, ticket, this.registry, pendingBytes, proxy);
		}
		// the settings and context of the bundle as last (re)loaded, for this connection's whole life
		ReloadableTls.Current current = reloadable.current();
		SSLContext context = current.context();
		SSLEngine engine = (server || this.peerHost == null) ? context.createSSLEngine()
				: context.createSSLEngine(this.peerHost, this.peerPort);
		engine.setUseClientMode(!server);
		engine.setSSLParameters(TlsSocketSupport.configure(engine.getSSLParameters(), current.tls(), server));
		GatedTcpNioSslConnection connection = new GatedTcpNioSslConnection(socketChannel, server, lookupHost,
				applicationEventPublisher, connectionFactoryName, engine, ticket, this.registry, pendingBytes, proxy);
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

}
