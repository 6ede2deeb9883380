package io.github.ipcboot.tcp;

import java.time.Duration;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executor;
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
 * The connections of a {@link TcpClient}: a permit per request in progress (at most pool-size)
 * and per fire-and-forget send in progress (at most {@value #SEND_CONNECTIONS}, outside
 * pool-size), the idle connections of each {@link Role}, most recently used first, and their
 * eviction once idle for pool-idle-timeout. A role never has more connections than permits, so
 * one role never closes the other's. A connection the server closed leaves the pool as soon as
 * it is seen closed; one found closed or retired when taken is replaced before anything is
 * written.
 */
final class ClientPool {

	/** Connections of fire-and-forget sends, besides the pool-size of requests. */
	static final int SEND_CONNECTIONS = 1;

	private final String description;

	private final int size;

	private final long maxReplySize;

	private final boolean greeting;

	private final Executor closer;

	private final @Nullable Duration idleTimeout;

	private final Duration connectTimeout;

	private final AbstractClientConnectionFactory factory;

	private final ConnectionRegistry registry;

	private final boolean sequenced;

	private final Map<Role, Semaphore> permits = new EnumMap<>(Role.class);

	private final Map<String, PooledConnection> open = new ConcurrentHashMap<>();

	private final Map<Role, Deque<PooledConnection>> idle = new EnumMap<>(Role.class);

	private final AtomicBoolean listening = new AtomicBoolean();

	ClientPool(String description, TcpClientSettings settings, AbstractClientConnectionFactory factory,
			ConnectionRegistry registry, Executor closer) {
		this.closer = closer;
		this.description = description;
		this.size = settings.poolSize();
		this.maxReplySize = settings.maxReplySize();
		this.greeting = settings.greeting();
		this.idleTimeout = settings.poolIdleTimeout();
		this.connectTimeout = settings.connectTimeout();
		this.factory = factory;
		this.registry = registry;
		this.sequenced = settings.ioMode() == TcpIoMode.NIO;
		this.permits.put(Role.REQUEST, new Semaphore(this.size, true));
		this.permits.put(Role.SEND, new Semaphore(SEND_CONNECTIONS, true));
		for (Role role : Role.values()) {
			this.idle.put(role, new ConcurrentLinkedDeque<>());
		}
	}

	/**
	 * Wait for a permit to use a connection of a role.
	 * @param role what the connection is for
	 * @param deadline until when ({@link System#nanoTime()})
	 * @param timeout the timeout the deadline stands for, for the message
	 * @throws TcpReplyTimeoutException if every connection stays busy until the deadline, or the
	 * deadline has passed already (the request waited for a thread that long)
	 */
	void acquirePermit(Role role, long deadline, Duration timeout) {
		Semaphore permitsOfRole = this.permits.get(role);
		try {
			if (!permitsOfRole.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				throw noFreeConnection(role, timeout);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TcpClientException(this.description + " was interrupted while waiting for a connection", ex);
		}
		if (deadline - System.nanoTime() <= 0) {
			// a free permit is taken at once, however late: nothing may be opened or written now
			permitsOfRole.release();
			throw noFreeConnection(role, timeout);
		}
	}

	private TcpReplyTimeoutException noFreeConnection(Role role, Duration timeout) {
		return new TcpReplyTimeoutException(this.description + " found no free connection among "
				+ ((role == Role.REQUEST) ? this.size : SEND_CONNECTIONS + " kept for sends") + " within " + timeout
				+ " (queued, nothing was sent)", timeout);
	}

	void releasePermit(Role role) {
		this.permits.get(role).release();
	}

	/**
	 * Return how many permits are taken.
	 */
	int busy() {
		return this.size - this.permits.get(Role.REQUEST).availablePermits() + SEND_CONNECTIONS
				- this.permits.get(Role.SEND).availablePermits();
	}

	/**
	 * Take the most recently used idle connection of a role, or open one (with a permit held).
	 * @param role what the connection is for
	 * @param deadline the request's deadline, which a connect does not run past
	 * @return the connection
	 * @throws TcpConnectException if a new connection cannot be made
	 */
	PooledConnection take(Role role, long deadline) {
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
		return open(role, deadline);
	}

	/**
	 * Open a new connection (with a permit held).
	 * @param role what the connection is for
	 * @param deadline the request's deadline: the connect (and a Net TLS handshake) waits at most
	 * the connect timeout and never past it
	 * @return the connection
	 * @throws TcpConnectException if it cannot be made
	 * @throws TcpClientException if the client is stopped
	 */
	PooledConnection open(Role role, long deadline) {
		if (!this.factory.isRunning()) {
			throw new TcpClientException(this.description + " is not running");
		}
		if (this.listening.compareAndSet(false, true)) {
			Router router = new Router();
			this.factory.registerListener(router);
			this.factory.registerSender(router);
		}
		TcpConnection created;
		try {
			created = ConnectDeadline.within(deadline, this.factory::getConnection);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TcpClientException(this.description + " was interrupted while connecting", ex);
		}
		catch (Exception ex) {
			if (!this.factory.isRunning()) {
				throw new TcpClientException(this.description + " was stopped while connecting", ex);
			}
			this.registry.connectFailed(ex);
			throw new TcpConnectException(this.description + " could not connect: " + ex.getMessage(), ex);
		}
		PooledConnection pooled = this.open.get(created.getConnectionId());
		if (pooled == null) {
			// closed already (and gone from the pool): a wrapper that is not usable
			pooled = wrap(created);
			pooled.onClosed();
		}
		pooled.setRole(role);
		Duration greetingTimeout = ConnectDeadline.bound(this.connectTimeout, deadline);
		if (!pooled.awaitGreeting(System.nanoTime() + greetingTimeout.toNanos())) {
			pooled.abort(CloseReason.ERROR);
			throw new TcpConnectException(this.description + " got no greeting within " + greetingTimeout
					+ " of connecting (greeting: true)");
		}
		return pooled;
	}

	private PooledConnection wrap(TcpConnection connection) {
		return new PooledConnection(connection, this.description, this.sequenced, this.maxReplySize, this.greeting,
				this.closer);
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
			ClientPool.this.open.put(connection.getConnectionId(), wrap(connection));
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
