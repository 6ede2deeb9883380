package io.github.ipcboot.tcp.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ipcboot.tcp.ConnectionRegistry.ConnectAttempt;
import io.github.ipcboot.tcp.TcpClient;
import io.github.ipcboot.tcp.TcpClients;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the TCP clients, from what they have seen (it never connects itself): per client the
 * peer's host and port, the open connections and the outcome of the last attempt to connect
 * ({@code none} before the first). {@code UP} even when a peer cannot be reached, so that a peer
 * that is down does not fail the application's own health; {@code DOWN} when
 * {@code failWhenUnreachable} is set and the last attempt of a client failed.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class TcpClientsHealthIndicator extends AbstractHealthIndicator {

	private final TcpClients clients;

	private final boolean failWhenUnreachable;

	/**
	 * Create a new instance.
	 * @param clients the clients
	 * @param failWhenUnreachable whether a client whose last attempt to connect failed makes the
	 * health {@code DOWN}
	 */
	public TcpClientsHealthIndicator(TcpClients clients, boolean failWhenUnreachable) {
		super("TCP clients health check failed");
		this.clients = clients;
		this.failWhenUnreachable = failWhenUnreachable;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean unreachable = false;
		for (String name : this.clients.names()) {
			TcpClient client = this.clients.client(name);
			ConnectAttempt last = client.getConnectionRegistry().getLastConnect();
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("host", client.getSettings().host());
			if (!client.getSettings().isUnix()) {
				details.put("port", client.getSettings().port());
			}
			details.put("openConnections", client.getConnectionRegistry().getOpenConnections());
			details.put("lastConnect", (last != null) ? (last.succeeded() ? "success" : "failure") : "none");
			if (last != null) {
				details.put("lastConnectAt", last.at().toString());
				if (last.error() != null) {
					details.put("lastConnectError", last.error());
				}
			}
			builder.withDetail(name, details);
			unreachable |= last != null && !last.succeeded();
		}
		if (this.failWhenUnreachable && unreachable) {
			builder.down();
		}
		else {
			builder.up();
		}
	}

}
