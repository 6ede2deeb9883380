package io.github.ipcboot.tcp.actuate;

import java.util.Map;

import io.github.ipcboot.actuate.NamedComponentsHealthIndicator;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.TcpServers;

/**
 * Health of the TCP servers: {@code UP} when every server is listening; {@code OUT_OF_SERVICE}
 * while one is draining for a graceful shutdown (it refuses new connections on purpose); otherwise
 * {@code DOWN} when one is not listening. A server the application stopped with
 * {@link TcpServers#stop(String, java.time.Duration)} counts as neither: its details say
 * {@code stopped}. The details hold, per server: whether it is listening, draining and stopped,
 * the bound port (the {@code unix:} address of a Unix domain socket), and its active and maximum
 * connections.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class TcpServersHealthIndicator extends NamedComponentsHealthIndicator<TcpServer> {

	private final TcpServers servers;

	/**
	 * Create a new instance.
	 * @param servers the servers
	 */
	public TcpServersHealthIndicator(TcpServers servers) {
		super("TCP servers health check failed", servers::names, servers::get);
		this.servers = servers;
	}

	@Override
	protected ComponentHealth check(String name, TcpServer server, Map<String, Object> details) {
		// a stopped factory may not have noticed yet that its listening socket is closed
		boolean listening = server.getConnectionFactory().isRunning() && server.getConnectionFactory().isListening();
		boolean stopped = this.servers.isStoppedByApplication(name);
		// a server the application stopped on purpose is neither down nor draining
		boolean draining = server.isDraining() && !stopped;
		details.put("listening", listening);
		details.put("draining", draining);
		details.put("stopped", stopped);
		if (server.getSettings().isUnix()) {
			details.put("address", server.getSettings().address());
		}
		else if (listening || draining) {
			details.put("port", server.getPort());
		}
		details.put("activeConnections", server.getActiveConnections());
		details.put("maxConnections", server.getGate().getMaxConnections());
		return ComponentHealth.of(!listening && !draining && !stopped, draining);
	}

}
