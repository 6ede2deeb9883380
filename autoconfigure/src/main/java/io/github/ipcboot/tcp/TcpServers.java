package io.github.ipcboot.tcp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * The configured TCP servers, by name. Starts them when the application context starts (each
 * binds its port before start-up goes on) and stops them when it closes.
 * <pre class="code">
 * int port = tcpServers.port("orders");   // the bound port, also for port 0
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

	private final Map<String, TcpServer> servers = new LinkedHashMap<>();

	private volatile boolean running;

	/**
	 * Create a new instance.
	 * @param servers the servers
	 */
	public TcpServers(List<TcpServer> servers) {
		for (TcpServer server : servers) {
			this.servers.put(server.getName(), server);
		}
	}

	/**
	 * Return the names of the configured servers.
	 * @return the names, in configuration order
	 */
	public Set<String> names() {
		return Collections.unmodifiableSet(this.servers.keySet());
	}

	/**
	 * Return a server.
	 * @param name the configured name
	 * @return the server
	 * @throws IllegalArgumentException if no server has that name
	 */
	public TcpServer get(String name) {
		TcpServer server = this.servers.get(name);
		if (server == null) {
			throw new IllegalArgumentException(
					"No TCP server named '" + name + "'; configured: " + this.servers.keySet());
		}
		return server;
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
		this.servers.values().forEach(TcpServer::beginDrain);
	}

	/**
	 * Return how many connections are open on all servers together.
	 * @return the count
	 */
	public int getOpenConnections() {
		return this.servers.values().stream().mapToInt(TcpServer::getOpenConnections).sum();
	}

	/**
	 * Close every open connection of every server at once, work in flight or not: the end of a
	 * forced shutdown.
	 * @return how many connections were closed
	 */
	public int abortConnections() {
		return this.servers.values().stream().mapToInt(TcpServer::abortConnections).sum();
	}

	@Override
	public void start() {
		try {
			for (TcpServer server : this.servers.values()) {
				server.start(BIND_TIMEOUT_MILLIS);
			}
		}
		catch (RuntimeException ex) {
			// a failed start-up is not stopped by the context: leave nothing listening or running
			stopAll();
			throw ex;
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		stopAll();
	}

	@Override
	public void destroy() {
		stop();
	}

	private void stopAll() {
		for (TcpServer server : this.servers.values()) {
			server.stop();
		}
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
