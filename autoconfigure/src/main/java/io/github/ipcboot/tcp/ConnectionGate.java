package io.github.ipcboot.tcp;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ipcboot.tcp.unix.UnixChannelView;
import io.github.ipcboot.tcp.unix.UnixSocketOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Decides, before a server reads a byte from a new connection, whether to serve it: the client's
 * address (or, on a Unix domain socket, its credentials) must be allowed, the client must be under its own connection limit and the server must
 * have room. Counts the active connections, per client and in all, and the rejected ones by
 * reason. Only clients with an admitted connection open are tracked, so the per-client counts
 * hold at most one entry per active connection.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public final class ConnectionGate {

	private static final Log logger = LogFactory.getLog(ConnectionGate.class);

	/** Why a connection was turned away. */
	public enum Rejection {

		/**
		 * The client's address is not in the allowed ranges, or its user and group are not
		 * allowed, or (PROXY protocol) the load balancer it comes through is not trusted.
		 */
		NOT_ALLOWED,

		/** The server already has its maximum number of connections. */
		MAX_CONNECTIONS,

		/** The server already has the maximum number of connections from the client's address. */
		MAX_CONNECTIONS_PER_CLIENT

	}

	private final String serverName;

	private final int maxConnections;

	private final int maxConnectionsPerClient;

	private final List<CidrRange> allowedClients;

	private final UnixSocketOptions allowedPeers;

	private final AtomicInteger active = new AtomicInteger();

	private final Map<InetAddress, Integer> activePerClient = new ConcurrentHashMap<>();

	private final AtomicLong[] rejected = new AtomicLong[Rejection.values().length];

	/**
	 * Create a new instance without a limit per client.
	 * @param serverName the server's name, for log messages
	 * @param maxConnections the most connections served at once
	 * @param allowedClients the ranges clients must come from; empty for any client
	 */
	public ConnectionGate(String serverName, int maxConnections, List<CidrRange> allowedClients) {
		this(serverName, maxConnections, 0, allowedClients);
	}

	/**
	 * Create a new instance.
	 * @param serverName the server's name, for log messages
	 * @param maxConnections the most connections served at once
	 * @param maxConnectionsPerClient the most connections served at once from one remote address;
	 * 0 for no limit
	 * @param allowedClients the ranges clients must come from; empty for any client
	 */
	public ConnectionGate(String serverName, int maxConnections, int maxConnectionsPerClient,
			List<CidrRange> allowedClients) {
		this(serverName, maxConnections, maxConnectionsPerClient, allowedClients, UnixSocketOptions.NONE);
	}

	/**
	 * Create a new instance that also checks the credentials of a Unix domain socket's peers.
	 * @param serverName the server's name, for log messages
	 * @param maxConnections the most connections served at once
	 * @param maxConnectionsPerClient the most connections served at once from one remote address;
	 * 0 for no limit
	 * @param allowedClients the ranges clients must come from; empty for any client
	 * @param allowedPeers the users and groups peers must run as
	 */
	public ConnectionGate(String serverName, int maxConnections, int maxConnectionsPerClient,
			List<CidrRange> allowedClients, UnixSocketOptions allowedPeers) {
		if (maxConnections < 1) {
			throw new IllegalArgumentException("max-connections must be at least 1, got " + maxConnections);
		}
		if (maxConnectionsPerClient < 0) {
			throw new IllegalArgumentException(
					"max-connections-per-client must be 0 (no limit) or more, got " + maxConnectionsPerClient);
		}
		this.serverName = serverName;
		this.maxConnections = maxConnections;
		this.maxConnectionsPerClient = maxConnectionsPerClient;
		this.allowedClients = List.copyOf(allowedClients);
		this.allowedPeers = allowedPeers;
		for (int i = 0; i < this.rejected.length; i++) {
			this.rejected[i] = new AtomicLong();
		}
	}

	/**
	 * Return whether the gate checks who a Unix domain socket's peer runs as.
	 * @return whether {@code allowed-users} or {@code allowed-groups} is set
	 */
	public boolean checksPeers() {
		return !this.allowedPeers.allows(null);
	}

	/**
	 * Return the credentials of a Unix domain socket's peer when a gate checks them: reading them
	 * looks up user and group names, which should not hold up accepting otherwise.
	 * @param gate the gate, or {@code null} for a client connection
	 * @param channel the connection's channel
	 * @return the peer's credentials, or {@code null}
	 */
	static @Nullable PeerCredentials peerToCheck(@Nullable ConnectionGate gate, @Nullable Object channel) {
		return (gate != null && gate.checksPeers() && channel instanceof UnixChannelView unix) ? unix.peerCredentials()
				: null;
	}

	/**
	 * Admit a connection, counting it as active, or say why not. An admitted connection must be
	 * {@link #release(InetAddress) released} exactly once when it closes.
	 * @param client the client's address
	 * @return {@code null} when admitted, else the reason for the rejection (counted)
	 */
	public @Nullable Rejection admit(InetAddress client) {
		return admit(client, null);
	}

	/**
	 * Admit a connection, counting it as active, or say why not. An admitted connection must be
	 * {@link #release(InetAddress) released} exactly once when it closes.
	 * @param client the client's address
	 * @param peer the credentials of a Unix domain socket's peer, or {@code null} when unknown
	 * @return {@code null} when admitted, else the reason for the rejection (counted)
	 */
	public @Nullable Rejection admit(InetAddress client, @Nullable PeerCredentials peer) {
		Rejection rejection = null;
		if (!isAllowed(client) || !this.allowedPeers.allows(peer)) {
			rejection = Rejection.NOT_ALLOWED;
		}
		else if (!takeClientSlot(client)) {
			rejection = Rejection.MAX_CONNECTIONS_PER_CLIENT;
		}
		else if (!takeSlot()) {
			releaseClientSlot(client);
			rejection = Rejection.MAX_CONNECTIONS;
		}
		return counted(rejection, client, peer, "");
	}

	/**
	 * Admit a connection from a load balancer that speaks the PROXY protocol, counting it as
	 * active, or say why not: the balancer must be trusted and the server must have room. The
	 * checks of the client itself follow once its header is read ({@link #admitProxied}); until
	 * then the connection holds a place in all only, given back by {@link #releaseProxy()}.
	 * @param proxy the balancer's address
	 * @param protocol the server's PROXY protocol settings
	 * @return {@code null} when admitted, else the reason for the rejection (counted)
	 * @since 0.2.0
	 */
	@Nullable Rejection admitProxy(InetAddress proxy, TcpProxyProtocol protocol) {
		Rejection rejection = null;
		if (!protocol.trusts(proxy)) {
			rejection = Rejection.NOT_ALLOWED;
		}
		else if (!takeSlot()) {
			rejection = Rejection.MAX_CONNECTIONS;
		}
		return counted(rejection, proxy, null, " (a load balancer)");
	}

	/**
	 * Admit the client a load balancer's PROXY protocol header names, on a connection that
	 * {@link #admitProxy} admitted: the client's address must be allowed and under its own
	 * connection limit. Once admitted, the connection is {@link #release(InetAddress) released}
	 * with the client's address; else it still holds its place in all.
	 * @param client the client's address, as the header gives it
	 * @return {@code null} when admitted, else the reason for the rejection (counted)
	 * @since 0.2.0
	 */
	@Nullable Rejection admitProxied(InetAddress client) {
		Rejection rejection = null;
		if (!isAllowed(client)) {
			rejection = Rejection.NOT_ALLOWED;
		}
		else if (!takeClientSlot(client)) {
			rejection = Rejection.MAX_CONNECTIONS_PER_CLIENT;
		}
		return counted(rejection, client, null, " (behind a load balancer)");
	}

	/**
	 * Record that a connection {@link #admitProxy admitted from a load balancer} closed before its
	 * client was admitted.
	 * @since 0.2.0
	 */
	void releaseProxy() {
		this.active.decrementAndGet();
	}

	private boolean takeSlot() {
		if (this.active.incrementAndGet() > this.maxConnections) {
			this.active.decrementAndGet();
			return false;
		}
		return true;
	}

	private @Nullable Rejection counted(@Nullable Rejection rejection, InetAddress address,
			@Nullable PeerCredentials peer, String role) {
		if (rejection != null) {
			this.rejected[rejection.ordinal()].incrementAndGet();
			if (logger.isDebugEnabled()) {
				logger.debug("Server '" + this.serverName + "' rejected a connection from "
						+ ((peer != null) ? peer : address.getHostAddress()) + role + " (" + rejection + ")");
			}
		}
		return rejection;
	}

	private boolean isAllowed(InetAddress client) {
		return CidrRange.allows(this.allowedClients, client);
	}

	private boolean takeClientSlot(InetAddress client) {
		if (this.maxConnectionsPerClient == 0) {
			return true;
		}
		boolean[] taken = new boolean[1];
		this.activePerClient.compute(client, (address, count) -> {
			int current = (count != null) ? count : 0;
			if (current >= this.maxConnectionsPerClient) {
				return count;
			}
			taken[0] = true;
			return current + 1;
		});
		return taken[0];
	}

	private void releaseClientSlot(InetAddress client) {
		if (this.maxConnectionsPerClient != 0) {
			// the entry goes at zero, so that the map holds only clients with open connections
			this.activePerClient.computeIfPresent(client, (address, count) -> (count > 1) ? count - 1 : null);
		}
	}

	/**
	 * Record that an admitted connection has closed.
	 * @param client the client's address, as given to {@link #admit(InetAddress)}
	 */
	public void release(InetAddress client) {
		releaseClientSlot(client);
		this.active.decrementAndGet();
	}

	/**
	 * Return the number of admitted connections that are open.
	 * @return the count
	 */
	public int getActive() {
		return this.active.get();
	}

	/**
	 * Return the number of admitted connections that are open from one address.
	 * @param client the client's address
	 * @return the count; always 0 when there is no limit per client (they are not counted then)
	 */
	public int getActive(InetAddress client) {
		return this.activePerClient.getOrDefault(client, 0);
	}

	/**
	 * Return the number of client addresses with admitted connections open, as far as they are
	 * counted (only when there is a limit per client).
	 * @return the count
	 */
	int getClientsTracked() {
		return this.activePerClient.size();
	}

	/**
	 * Return the most connections served at once.
	 * @return the limit
	 */
	public int getMaxConnections() {
		return this.maxConnections;
	}

	/**
	 * Return the most connections served at once from one remote address.
	 * @return the limit; 0 for none
	 */
	public int getMaxConnectionsPerClient() {
		return this.maxConnectionsPerClient;
	}

	/**
	 * Return how many connections were rejected for the given reason.
	 * @param reason the reason
	 * @return the count since start
	 */
	public long getRejected(Rejection reason) {
		return this.rejected[reason.ordinal()].get();
	}

}
