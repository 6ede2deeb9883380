package io.github.ipcboot.tcp;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import io.github.ipcboot.tcp.TcpObserver.RequestOutcome;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.TcpConnection;

/**
 * The open connections of one TCP server or client with what each has sent and received, the
 * outcome of a client's last connection attempt, and the {@link TcpObserver} they all report to.
 * Connections register themselves when they open and leave when they close; the counting costs a
 * few field writes per read and per frame.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public final class ConnectionRegistry {

	private final boolean listenerErrorCloses;

	private final BooleanSupplier stopping;

	private final ConnectionWatchdog watchdog;

	private final Map<String, ConnectionStats> open = new ConcurrentHashMap<>();

	private final WarnRateLimit peerWarnings = new WarnRateLimit(System::nanoTime);

	private volatile TcpObserver observer = TcpObserver.NONE;

	private volatile @Nullable ConnectAttempt lastConnect;

	private ConnectionRegistry(boolean listenerErrorCloses, BooleanSupplier stopping, ConnectionWatchdog watchdog) {
		this.listenerErrorCloses = listenerErrorCloses;
		this.stopping = stopping;
		this.watchdog = watchdog;
	}

	/**
	 * Return the bound on the WARN lines that the peers of these connections cause together.
	 */
	WarnRateLimit peerWarnings() {
		return this.peerWarnings;
	}

	/**
	 * Create the registry of a server.
	 * @param settings the server's settings, whose error policy says whether a listener failure
	 * closes the connection
	 * @param stopping whether the server is draining or stopping, so that closes then count as
	 * {@link TcpObserver.CloseReason#SHUTDOWN} and new connections are turned away
	 * @param watchdog the server's watchdog, which closes connections that exceed a timeout
	 */
	static ConnectionRegistry forServer(TcpServerSettings settings, BooleanSupplier stopping,
			ConnectionWatchdog watchdog) {
		return new ConnectionRegistry(settings.errorPolicy().onListenerError() != TcpErrorAction.REPLY, stopping,
				watchdog);
	}

	/**
	 * Create the registry of a client.
	 * @param stopping whether the client is stopping
	 */
	static ConnectionRegistry forClient(BooleanSupplier stopping) {
		return new ConnectionRegistry(true, stopping, ConnectionWatchdog.none());
	}

	/**
	 * Create a registry for connections of a connection factory that is not part of a
	 * {@link TcpServer} or {@link TcpClient}.
	 */
	static ConnectionRegistry standalone() {
		return new ConnectionRegistry(true, () -> false, ConnectionWatchdog.none());
	}

	/**
	 * Set the observer every connection reports to from now on.
	 * @param observer the observer, or {@link TcpObserver#NONE}
	 */
	public void setObserver(TcpObserver observer) {
		this.observer = Objects.requireNonNull(observer, "observer must not be null");
	}

	/**
	 * Return the observer the connections report to.
	 * @return the observer; {@link TcpObserver#NONE} when none was set
	 */
	public TcpObserver getObserver() {
		return this.observer;
	}

	/**
	 * Return the number of open connections.
	 * @return the count
	 */
	public int getOpenConnections() {
		return this.open.size();
	}

	/**
	 * Return the open connections, oldest first.
	 * @return a snapshot of each
	 */
	public List<ConnectionInfo> getConnections() {
		List<ConnectionInfo> connections = new ArrayList<>(this.open.size());
		for (ConnectionStats stats : this.open.values()) {
			connections.add(stats.info());
		}
		connections.sort(Comparator.comparing(ConnectionInfo::openedAt));
		return connections;
	}

	/**
	 * Close an open connection. Frames already written are delivered first.
	 * @param id the connection id
	 * @return whether a connection with that id was open
	 */
	public boolean close(String id) {
		ConnectionStats stats = this.open.get(id);
		if (stats == null) {
			return false;
		}
		stats.connection().close();
		return true;
	}

	/**
	 * Return how a client's last attempt to connect ended.
	 * @return the attempt, or {@code null} before the first one (and always for a server)
	 */
	public @Nullable ConnectAttempt getLastConnect() {
		return this.lastConnect;
	}

	TcpObserver observer() {
		return this.observer;
	}

	boolean listenerErrorCloses() {
		return this.listenerErrorCloses;
	}

	boolean isStopping() {
		return this.stopping.getAsBoolean();
	}

	/**
	 * Track a connection that has just opened.
	 * @param connection the connection
	 * @param frameErrorsClose whether every frame error ends the connection (NIO: the rest of the
	 * stream cannot be read as frames), so that its close counts as an error
	 * @return its statistics
	 */
	ConnectionStats register(TcpConnection connection, boolean frameErrorsClose) {
		ConnectionStats stats = new ConnectionStats(this, connection, frameErrorsClose);
		this.open.put(connection.getConnectionId(), stats);
		if (connection instanceof ConnectionDeadlines.Abortable) {
			this.watchdog.watch(stats.deadlines());
		}
		if (!connection.isServer()) {
			this.lastConnect = new ConnectAttempt(true, Instant.now(), null);
		}
		this.observer.connectionOpened();
		return stats;
	}

	/**
	 * Decide whether a server serves a new connection: not while it is draining or stopping, and
	 * otherwise as its gate says. Reports a rejection to the observer.
	 * @param gate the server's gate, which counts the connection as active when it admits it
	 * @param client the client's address
	 * @return whether the connection is admitted
	 */
	boolean admit(ConnectionGate gate, InetAddress client) {
		return admit(gate, client, null);
	}

	/**
	 * Decide whether a server serves a new connection, as {@link #admit(ConnectionGate, InetAddress)}
	 * does, with the credentials of a Unix domain socket's peer.
	 * @param gate the server's gate, which counts the connection as active when it admits it
	 * @param client the client's address
	 * @param peer the peer's credentials, or {@code null} when unknown
	 * @return whether the connection is admitted
	 */
	boolean admit(ConnectionGate gate, InetAddress client, @Nullable PeerCredentials peer) {
		if (isStopping()) {
			rejected(TcpObserver.RejectReason.SHUTTING_DOWN);
			return false;
		}
		return admitted(gate.admit(client, peer));
	}

	/**
	 * Decide whether a new connection is served, as {@link #admit(ConnectionGate, InetAddress,
	 * PeerCredentials)} or, behind a load balancer, {@link #admitProxy} does.
	 * @param gate the server's gate, or {@code null} to admit every connection (clients)
	 * @param peer the peer's address
	 * @param credentials the credentials of a Unix domain socket's peer, or {@code null}
	 * @param proxy the server's PROXY protocol settings, or {@code null} when it speaks none
	 * @return the connection's place in the gate, or {@code null} when it is rejected (counted)
	 */
	@Nullable GateTicket admitNew(@Nullable ConnectionGate gate, InetAddress peer,
			@Nullable PeerCredentials credentials, @Nullable TcpProxyProtocol proxy) {
		if (gate == null) {
			return new GateTicket(null, peer);
		}
		if (proxy != null) {
			return admitProxy(gate, peer, proxy) ? GateTicket.proxied(gate) : null;
		}
		return admit(gate, peer, credentials) ? new GateTicket(gate, peer) : null;
	}

	/**
	 * Decide whether a server that speaks the PROXY protocol serves a new connection from a load
	 * balancer, as {@link #admit(ConnectionGate, InetAddress)} does: the balancer must be trusted;
	 * its client is admitted once the header names it ({@link #admitProxied}).
	 * @param gate the server's gate, which counts the connection as active when it admits it
	 * @param proxy the balancer's address
	 * @param protocol the server's PROXY protocol settings
	 * @return whether the connection is admitted
	 */
	boolean admitProxy(ConnectionGate gate, InetAddress proxy, TcpProxyProtocol protocol) {
		if (isStopping()) {
			rejected(TcpObserver.RejectReason.SHUTTING_DOWN);
			return false;
		}
		return admitted(gate.admitProxy(proxy, protocol));
	}

	/**
	 * Decide whether a proxied connection serves the client its header names. Reports a
	 * rejection to the observer.
	 * @param ticket the connection's place in its gate
	 * @param client the client's address
	 * @return whether the client is admitted
	 */
	boolean admitProxied(GateTicket ticket, InetAddress client) {
		return admitted(ticket.admit(client));
	}

	private boolean admitted(ConnectionGate.@Nullable Rejection rejection) {
		if (rejection == null) {
			return true;
		}
		rejected(switch (rejection) {
			case NOT_ALLOWED -> TcpObserver.RejectReason.NOT_ALLOWED;
			case MAX_CONNECTIONS -> TcpObserver.RejectReason.MAX_CONNECTIONS;
			case MAX_CONNECTIONS_PER_CLIENT -> TcpObserver.RejectReason.MAX_CONNECTIONS_PER_CLIENT;
		});
		return false;
	}

	void unwatch(ConnectionDeadlines deadlines) {
		this.watchdog.unwatch(deadlines);
	}

	void remove(ConnectionStats stats) {
		this.open.remove(stats.connection().getConnectionId(), stats);
	}

	void rejected(TcpObserver.RejectReason reason) {
		this.observer.connectionRejected(reason);
	}

	/**
	 * A client could not connect.
	 */
	void connectFailed(Throwable error) {
		this.lastConnect = new ConnectAttempt(false, Instant.now(), String.valueOf(error.getMessage()));
	}

	/**
	 * A client's request has ended.
	 * @param startedNanos when it started ({@link System#nanoTime()})
	 * @param failure what it threw, or {@code null} when the reply arrived
	 */
	void requestEnded(long startedNanos, @Nullable Throwable failure) {
		RequestOutcome outcome = (failure == null) ? RequestOutcome.SUCCESS
				: (failure instanceof TcpReplyTimeoutException) ? RequestOutcome.TIMEOUT : RequestOutcome.ERROR;
		this.observer.requestCompleted(outcome, System.nanoTime() - startedNanos);
	}

	/**
	 * One open connection.
	 *
	 * @param id the connection id
	 * @param remoteAddress the peer's address and port, e.g. {@code 127.0.0.1:50612}; on a Unix
	 * domain socket {@code unix (user <name>, group <name>)}
	 * @param openedAt when it opened
	 * @param bytesReceived the framed bytes read so far (after TLS decryption)
	 * @param bytesSent the framed bytes written so far (before TLS encryption)
	 * @param framesReceived the whole frames read so far
	 * @param framesSent the frames written so far
	 */
	public record ConnectionInfo(String id, String remoteAddress, Instant openedAt, long bytesReceived,
			long bytesSent, long framesReceived, long framesSent) {

	}

	/**
	 * How a client's attempt to connect ended.
	 *
	 * @param succeeded whether the connection was made
	 * @param at when the attempt ended
	 * @param error why it failed, or {@code null} when it succeeded
	 */
	public record ConnectAttempt(boolean succeeded, Instant at, @Nullable String error) {

	}

}
