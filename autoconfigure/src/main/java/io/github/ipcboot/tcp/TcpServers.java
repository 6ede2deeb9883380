package io.github.ipcboot.tcp;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import io.github.ipcboot.support.NamedComponents;
import io.github.ipcboot.support.UnknownNameException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * The configured TCP servers, by name. Starts them when the application context starts (each
 * binds its port before start-up goes on) and stops them when it closes.
 * <pre class="code">
 * int port = tcpServers.port("orders");   // the bound port, also for port 0
 * tcpServers.stop("orders", Duration.ofSeconds(10));   // at run time: drain, then close
 * tcpServers.start("orders");
 * </pre>
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class TcpServers implements SmartLifecycle, DisposableBean {

	/**
	 * The lifecycle phase: servers start late and stop early, yet after any phase the starter's
	 * graceful shutdown runs in.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

	private static final long BIND_TIMEOUT_MILLIS = 10_000;

	/** How often {@link #stop(String, Duration)} looks whether the open connections are done. */
	private static final long DRAIN_POLL_NANOS = 10_000_000;

	private static final Log logger = LogFactory.getLog(TcpServers.class);

	private final NamedComponents<TcpServer> servers;

	private final Set<String> stoppedByApplication = ConcurrentHashMap.newKeySet();

	/** Servers a {@link #stop(String, Duration)} call is draining. */
	private final Set<String> stopping = ConcurrentHashMap.newKeySet();

	private volatile boolean running;

	/** Whether the graceful shutdown of the application has begun draining the servers. */
	private volatile boolean draining;

	/**
	 * Create a new instance.
	 * @param servers the servers
	 */
	public TcpServers(List<TcpServer> servers) {
		this.servers = NamedComponents.of("TCP server", servers, TcpServer::getName);
	}

	/**
	 * Return the names of the configured servers.
	 * @return the names, in configuration order
	 */
	public Set<String> names() {
		return this.servers.names();
	}

	/**
	 * Return a server.
	 * @param name the configured name
	 * @return the server
	 * @throws UnknownNameException if no server has that name
	 */
	public TcpServer get(String name) {
		return this.servers.get(name);
	}

	/**
	 * Return the port a server is bound to (useful with port 0).
	 * @param name the configured name
	 * @return the port
	 * @throws IllegalArgumentException if no server has that name
	 * @throws IllegalStateException if it is not listening
	 */
	public int port(String name) {
		return get(name).getPort();
	}

	/**
	 * Stop accepting connections on every server (new clients are refused) and begin draining
	 * the open ones: idle connections close now, busy ones right after their last reply, and
	 * frames that arrive from now on are answered or ignored as each server's
	 * {@code on-shutdown} says. Part of the graceful shutdown; {@link #stop()} later closes
	 * whatever is still open.
	 */
	public void beginDrain() {
		this.draining = true;
		this.servers.forEach(TcpServer::beginDrain);
	}

	/**
	 * Return how many connections are open on all servers together.
	 * @return the count
	 */
	public int getOpenConnections() {
		return this.servers.sum(TcpServer::getOpenConnections);
	}

	/**
	 * Close every open connection of every server at once, work in flight or not: the end of a
	 * forced shutdown.
	 * @return how many connections were closed
	 */
	public int abortConnections() {
		return this.servers.sum(TcpServer::abortConnections);
	}

	/**
	 * Start a server the application stopped with {@link #stop(String, Duration)}: it binds its
	 * port again (a new one for port 0) before this returns. Does nothing when it is running.
	 * @param name the configured name
	 * @throws IllegalArgumentException if no server has that name
	 * @throws IllegalStateException if the servers are not running (the application is starting
	 * or stopping), the graceful shutdown is draining them, a {@link #stop(String, Duration)} of
	 * the server is still under way, or the server could not bind in time
	 * @since 0.2.0
	 */
	public void start(String name) {
		TcpServer server = get(name);
		synchronized (this) {
			if (!this.running || this.draining) {
				throw new IllegalStateException("TCP server '" + name + "' cannot start: the TCP servers are not "
						+ "running or are draining (the application is starting or stopping)");
			}
			if (this.stopping.contains(name)) {
				throw new IllegalStateException("TCP server '" + name + "' cannot start: it is still being "
						+ "stopped; start it once stop(\"" + name + "\", timeout) has returned");
			}
			if (!server.isRunning()) {
				server.start(BIND_TIMEOUT_MILLIS);
			}
			this.stoppedByApplication.remove(name);
		}
	}

	/**
	 * Stop a server while the application runs: it stops accepting connections (new clients are
	 * refused), the open connections finish their work in flight and close, and whatever is
	 * still open after the timeout is closed. Its health shows it stopped (not down) and its
	 * meters stay registered; {@link #start(String)} starts it again, and so does nothing else:
	 * it stays stopped until then. The call returns once the server is stopped. The wait ends
	 * early, closing what is still open, when the calling thread is interrupted (its interrupt
	 * flag stays set) or when the application stops the servers; it does not hold up the
	 * application's shutdown.
	 * <p>
	 * Do not call this from the server's own {@link TcpListener} method: the connection that
	 * called it is open until the method returns, so the call waits the whole timeout.
	 * @param name the configured name
	 * @param timeout how long the open connections may take to finish
	 * @throws IllegalArgumentException if no server has that name
	 * @since 0.2.0
	 */
	public void stop(String name, Duration timeout) {
		TcpServer server = get(name);
		synchronized (this) {
			this.stoppedByApplication.add(name);
			if (!server.isRunning() || !this.stopping.add(name)) {
				return;
			}
			server.beginDrain();
		}
		try {
			// outside the monitor: the lifecycle stop() of the application must not wait for this
			long deadline = System.nanoTime() + timeout.toNanos();
			while (server.getOpenConnections() > 0 && System.nanoTime() - deadline < 0 && this.running
					&& !Thread.currentThread().isInterrupted()) {
				LockSupport.parkNanos(DRAIN_POLL_NANOS);
			}
			// the server's stop waits for its threads: let it, then hand the interrupt back
			boolean interrupted = Thread.interrupted();
			synchronized (this) {
				server.stop();
			}
			logger.info("TCP server '" + name + "' stopped by the application"
					+ (interrupted ? " (its wait interrupted)" : ""));
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
		finally {
			this.stopping.remove(name);
		}
	}

	/**
	 * Return whether the application stopped a server with {@link #stop(String, Duration)} (and
	 * has not started it again).
	 * @param name the configured name
	 * @return whether it is stopped on purpose
	 * @since 0.2.0
	 */
	public boolean isStoppedByApplication(String name) {
		get(name);
		return this.stoppedByApplication.contains(name);
	}

	@Override
	public synchronized void start() {
		this.draining = false;
		this.servers.startAll((server) -> {
			if (!this.stoppedByApplication.contains(server.getName())) {
				server.start(BIND_TIMEOUT_MILLIS);
			}
		}, TcpServer::stop);
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		stopAll();
	}

	@Override
	public void destroy() {
		stop();
	}

	private void stopAll() {
		this.servers.forEach(TcpServer::stop);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
