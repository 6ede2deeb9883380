package io.github.ipcboot.tcp.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.TcpServers;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

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
public class TcpServersHealthIndicator extends AbstractHealthIndicator {

	private final TcpServers servers;

	/**
	 * Create a new instance.
	 * @param servers the servers
	 */
	public TcpServersHealthIndicator(TcpServers servers) {
		super("TCP servers health check failed");
		this.servers = servers;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean down = false;
		boolean draining = false;
		for (String name : this.servers.names()) {
			TcpServer server = this.servers.get(name);
			// a stopped factory may not have noticed yet that its listening socket is closed
			boolean listening = server.getConnectionFactory().isRunning()
					&& server.getConnectionFactory().isListening();
			Map<String, Object> details = new LinkedHashMap<>();
			boolean stopped = this.servers.isStoppedByApplication(name);
			details.put("listening", listening);
			details.put("draining", server.isDraining() && !stopped);
			details.put("stopped", stopped);
			if (server.getSettings().isUnix()) {
				details.put("address", server.getSettings().address());
			}
			else if (listening || (server.isDraining() && !stopped)) {
				details.put("port", server.getPort());
			}
			details.put("activeConnections", server.getActiveConnections());
			details.put("maxConnections", server.getGate().getMaxConnections());
			builder.withDetail(name, details);
			// a server the application stopped on purpose is neither down nor draining
			draining |= server.isDraining() && !stopped;
			down |= !listening && !server.isDraining() && !stopped;
		}
		builder.status(down ? Status.DOWN : draining ? Status.OUT_OF_SERVICE : Status.UP);
	}

}
