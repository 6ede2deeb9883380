package io.github.ipcboot.tcp;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.AbstractClientConnectionFactory;

/**
 * Starts and stops what a {@link TcpClient} runs on (its timer with the eviction of idle pooled
 * connections, the threads that read its connections, those of its asynchronous requests, and its
 * connection factory), and tells whether it takes new requests: not before a start, nor once a
 * drain has begun or it has stopped.
 */
final class ClientLifecycle {

	private final String description;

	private final TcpClientSettings settings;

	private final AbstractClientConnectionFactory connectionFactory;

	private final ClientTimer timer;

	private final ClientPool pool;

	private final AsyncRequests async;

	private volatile boolean draining;

	private volatile boolean running;

	/** Guarded by this. */
	private @Nullable ConnectionThreads readers;

	/**
	 * Create the lifecycle of one client.
	 * @param description the client, for messages
	 * @param settings its settings
	 * @param connectionFactory its connection factory
	 * @param timer its timer
	 * @param pool its pool of connections
	 * @param async its asynchronous requests
	 */
	ClientLifecycle(String description, TcpClientSettings settings, AbstractClientConnectionFactory connectionFactory,
			ClientTimer timer, ClientPool pool, AsyncRequests async) {
		this.description = description;
		this.settings = settings;
		this.connectionFactory = connectionFactory;
		this.timer = timer;
		this.pool = pool;
		this.async = async;
	}

	/**
	 * Fail unless the client takes new requests.
	 * @throws TcpClientException if it is shutting down or not running
	 */
	void checkAccepting() {
		if (this.draining) {
			throw new TcpClientException(this.description + " is shutting down and takes no new requests");
		}
		if (!this.running) {
			throw new TcpClientException(this.description + " is not running");
		}
	}

	/**
	 * Stop taking new requests; those already sent or queued go on.
	 */
	void beginDrain() {
		this.draining = true;
		this.async.beginDrain();
	}

	/**
	 * Start the client's timer, threads and connection factory, with new threads for every start.
	 */
	synchronized void start() {
		this.draining = false;
		this.timer.start();
		Duration idleTimeout = this.settings.poolIdleTimeout();
		if (idleTimeout != null) {
			this.timer.repeat(this.pool::evictIdle, evictionPeriod(idleTimeout));
		}
		// new threads for every start, so that a stopped client can start again
		String name = this.settings.name();
		ConnectionThreads threads = new ConnectionThreads("ipc-tcp-client-" + name + "-", readerThreads(),
				this.settings.virtualThreads());
		this.readers = threads;
		this.connectionFactory.setTaskExecutor(threads);
		this.async.start("ipc-tcp-client-" + name + "-async-");
		this.connectionFactory.start();
		this.running = true;
	}

	/**
	 * Close every connection, end the threads and fail the requests still waiting. Does nothing
	 * when stopped already.
	 */
	synchronized void stop() {
		this.running = false;
		this.connectionFactory.stop();
		this.pool.clear();
		this.async.stop();
		this.timer.stop();
		ConnectionThreads threads = this.readers;
		if (threads != null) {
			this.readers = null;
			threads.close();
		}
	}

	/**
	 * Return the most platform threads that read the connections: NIO may run two assemblers per
	 * connection, and a connection given no thread is closed, so there is room for connections
	 * still closing besides the pool's.
	 */
	private int readerThreads() {
		return 2 * this.settings.poolSize() + 8;
	}

	/**
	 * Return how often idle connections are looked for: a connection closes between one and one
	 * and a half idle timeouts after its last use.
	 */
	static Duration evictionPeriod(Duration idleTimeout) {
		return Duration.ofNanos(Math.max(Duration.ofMillis(10).toNanos(), idleTimeout.toNanos() / 2));
	}

}
