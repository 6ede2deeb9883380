package io.github.ipcboot.tcp;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Decides, before a server reads a byte from a new connection, whether to serve it: the client's
 * address must be allowed and the server must have room. Counts the active connections and the
 * rejected ones by reason.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public final class ConnectionGate {

	private static final Log logger = LogFactory.getLog(ConnectionGate.class);

	/** Why a connection was turned away. */
	public enum Rejection {

		/** The client's address is not in the allowed ranges. */
		NOT_ALLOWED,

		/** The server already has its maximum number of connections. */
		MAX_CONNECTIONS

	}

	private final String serverName;

	private final int maxConnections;

	private final List<CidrRange> allowedClients;

	private final AtomicInteger active = new AtomicInteger();

	private final AtomicLong[] rejected = { new AtomicLong(), new AtomicLong() };

	/**
	 * Create a new instance.
	 * @param serverName the server's name, for log messages
	 * @param maxConnections the most connections served at once
	 * @param allowedClients the ranges clients must come from; empty for any client
	 */
	public ConnectionGate(String serverName, int maxConnections, List<CidrRange> allowedClients) {
		if (maxConnections < 1) {
			throw new IllegalArgumentException("max-connections must be at least 1, got " + maxConnections);
		}
		this.serverName = serverName;
		this.maxConnections = maxConnections;
		this.allowedClients = List.copyOf(allowedClients);
	}

	/**
	 * Admit a connection, counting it as active, or say why not.
	 * @param client the client's address
	 * @return {@code null} when admitted, else the reason for the rejection (counted)
	 */
	public @Nullable Rejection admit(InetAddress client) {
		Rejection rejection = null;
		if (!isAllowed(client)) {
			rejection = Rejection.NOT_ALLOWED;
		}
		else if (this.active.incrementAndGet() > this.maxConnections) {
			this.active.decrementAndGet();
			rejection = Rejection.MAX_CONNECTIONS;
		}
		if (rejection != null) {
			this.rejected[rejection.ordinal()].incrementAndGet();
			if (logger.isDebugEnabled()) {
				logger.debug("Server '" + this.serverName + "' rejected a connection from " + client.getHostAddress()
						+ " (" + rejection + ")");
			}
		}
		return rejection;
	}

	private boolean isAllowed(InetAddress client) {
		if (this.allowedClients.isEmpty()) {
			return true;
		}
		for (CidrRange range : this.allowedClients) {
			if (range.contains(client)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Record that an admitted connection has closed.
	 */
	public void release() {
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
	 * Return the most connections served at once.
	 * @return the limit
	 */
	public int getMaxConnections() {
		return this.maxConnections;
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
