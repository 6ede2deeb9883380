package io.github.ipcboot.tcp;

import java.time.Duration;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.ipcboot.tcp.PooledConnection.Role;
import io.github.ipcboot.tcp.TcpObserver.CloseReason;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.AbstractClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpSender;
import org.springframework.messaging.Message;

/**
 * The connections of a {@link TcpClient}: a permit per request in progress (at most pool-size),
 * the idle connections of each {@link Role}, most recently used first, and their eviction once
 * idle for pool-idle-timeout. A connection the server closed leaves the pool as soon as it is
 * seen closed; one found closed or retired when taken is replaced before anything is written.
 */
final class ClientPool {

	private final String description;

	private final int size;

	private final @Nullable Duration idleTimeout;

	private final AbstractClientConnectionFactory factory;

	private final ConnectionRegistry registry;

	private final boolean sequenced;

	private final Semaphore permits;

	private final Map<String, PooledConnection> open = new ConcurrentHashMap<>();

	private final Map<Role, Deque<PooledConnection>> idle = new EnumMap<>(Role.class);

	private final AtomicBoolean listening = new AtomicBoolean();

	ClientPool(String description, TcpClientSettings settings, AbstractClientConnectionFactory factory,
			ConnectionRegistry registry) {
		this.description = description;
		this.size = settings.poolSize();
		this.idleTimeout = settings.poolIdleTimeout();
		this.factory = factory;
		this.registry = registry;
		this.sequenced = settings.ioMode() == TcpIoMode.NIO;
		this.permits = new Semaphore(this.size, true);
		for (Role role : Role.values()) {
			this.idle.put(role, new ConcurrentLinkedDeque<>());
		}
	}

	/**
	 * Wait for a permit to use a connection.
	 * @param deadline until when ({@link System#nanoTime()})
	 * @param replyTimeout the timeout the deadline stands for, for the message
	 * @throws TcpReplyTimeoutException if every connection stays busy until the deadline
	 */
	void acquirePermit(long deadline, Duration replyTimeout) {
		try {
			if (!this.permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				throw new TcpReplyTimeoutException(this.description + " found no free connection among " + this.size
						+ " within " + replyTimeout, replyTimeout);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TcpClientException(this.description + " was interrupted while waiting for a connection", ex);
		}
	}

	void releasePermit() {
		this.permits.release();
	}

	/**
	 * Return how many permits are taken.
	 */
	int busy() {
		return this.size - this.permits.availablePermits();
	}

	/**
	 * Take the most recently used idle connection of a role, or open one (with a permit held).
	 * @param role what the connection is for
	 * @return the connection
	 * @throws TcpConnectException if a new connection cannot be made
	 */
	PooledConnection take(Role role) {
		Deque<PooledConnection> idleOfRole = this.idle.get(role);
		PooledConnection connection;
		while ((connection = idleOfRole.pollFirst()) != null) {
			if (isExpired(connection, System.nanoTime())) {
				connection.close(CloseReason.IDLE);
			}
			else if (connection.isUsable()) {
				return connection;
			}
		}
		return open(role);
	}

	/**
	 * Open a new connection (with a permit held), closing an idle one if the pool is full.
	 * @param role what the connection is for
	 * @return the connection
	 * @throws TcpConnectException if it cannot be made
	 */
	PooledConnection open(Role role) {
		makeRoom();
		if (this.listening.compareAndSet(false, true)) {
			Router router = new Router();
			this.factory.registerListener(router);
			this.factory.registerSender(router);
		}
		TcpConnection created;
		try {
			created = this.factory.getConnection();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TcpClientException(this.description + " was interrupted while connecting", ex);
		}
		catch (RuntimeException ex) {
			this.registry.connectFailed(ex);
			throw new TcpConnectException(this.description + " could not connect: " + ex.getMessage(), ex);
		}
		PooledConnection pooled = this.open.get(created.getConnectionId());
		if (pooled == null) {
			// closed already (and gone from the pool): a wrapper that is not usable
			pooled = new PooledConnection(created, this.description, this.sequenced);
			pooled.onClosed();
		}
		pooled.setRole(role);
		return pooled;
	}

	private void makeRoom() {
		if (this.open.size() < this.size) {
			return;
		}
		for (Deque<PooledConnection> idleOfRole : this.idle.values()) {
			PooledConnection oldest = idleOfRole.pollLast();
			if (oldest != null) {
				oldest.close(CloseReason.NORMAL);
				return;
			}
		}
	}

	/**
	 * Give a connection back after use: to the idle ones if it can carry another request, else
	 * it is closed.
	 * @param connection the connection
	 */
	void giveBack(PooledConnection connection) {
		if (connection.isUsable()) {
			connection.markIdle();
			this.idle.get(connection.role()).offerFirst(connection);
		}
		else {
			discard(connection);
		}
	}

	/**
	 * Drop a connection that must not be used again.
	 * @param connection the connection
	 */
	void discard(PooledConnection connection) {
		if (connection.isUsable()) {
			connection.close(CloseReason.NORMAL);
		}
	}

	/**
	 * Close the connections idle for longer than the pool's idle timeout (none without one).
	 */
	void evictIdle() {
		long now = System.nanoTime();
		for (Deque<PooledConnection> idleOfRole : this.idle.values()) {
			Iterator<PooledConnection> oldestFirst = idleOfRole.descendingIterator();
			while (oldestFirst.hasNext()) {
				PooledConnection connection = oldestFirst.next();
				// remove() decides a race with take(): only one of them gets the connection
				if (isExpired(connection, now) && idleOfRole.remove(connection)) {
					connection.close(CloseReason.IDLE);
				}
			}
		}
	}

	private boolean isExpired(PooledConnection connection, long now) {
		Duration timeout = this.idleTimeout;
		return timeout != null && now - connection.idleSince() >= timeout.toNanos();
	}

	/**
	 * Forget every connection (the factory has closed them).
	 */
	void clear() {
		this.idle.values().forEach(Deque::clear);
		this.open.clear();
	}

	/**
	 * Wraps each new connection before any of its frames is read, hands each frame to the
	 * connection it arrived on, and removes a connection that closes.
	 */
	private final class Router implements org.springframework.integration.ip.tcp.connection.TcpListener, TcpSender {

		@Override
		public void onMessage(Message<?> message) {
			String id = message.getHeaders().get(IpHeaders.CONNECTION_ID, String.class);
			PooledConnection connection = (id != null) ? ClientPool.this.open.get(id) : null;
			if (connection != null) {
				connection.onFrame(message);
			}
		}

		@Override
		public void addNewConnection(TcpConnection connection) {
			ClientPool.this.open.put(connection.getConnectionId(),
					new PooledConnection(connection, ClientPool.this.description, ClientPool.this.sequenced));
		}

		@Override
		public void removeDeadConnection(TcpConnection connection) {
			PooledConnection closed = ClientPool.this.open.remove(connection.getConnectionId());
			if (closed != null) {
				closed.onClosed();
				ClientPool.this.idle.get(closed.role()).remove(closed);
			}
		}

	}

}
