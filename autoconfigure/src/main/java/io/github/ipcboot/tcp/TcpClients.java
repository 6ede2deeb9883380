package io.github.ipcboot.tcp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * The configured TCP clients, by name.
 * <pre class="code">
 * String reply = tcpClients.client("pricing").request("PRICE ACME");
 * </pre>
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class TcpClients implements SmartLifecycle, DisposableBean {

	private final Map<String, TcpClient> clients = new LinkedHashMap<>();

	private volatile boolean running;

	/**
	 * Create a new instance.
	 * @param clients the clients
	 */
	public TcpClients(List<TcpClient> clients) {
		for (TcpClient client : clients) {
			this.clients.put(client.getName(), client);
		}
	}

	/**
	 * Return the names of the configured clients.
	 * @return the names, in configuration order
	 */
	public Set<String> names() {
		return Collections.unmodifiableSet(this.clients.keySet());
	}

	/**
	 * Return a client.
	 * @param name the configured name
	 * @return the client
	 * @throws IllegalArgumentException if no client has that name
	 */
	public TcpClient client(String name) {
		TcpClient client = this.clients.get(name);
		if (client == null) {
			throw new IllegalArgumentException(
					"No TCP client named '" + name + "'; configured: " + this.clients.keySet());
		}
		return client;
	}

	/**
	 * Stop taking new requests on every client (they fail with a {@link TcpClientException});
	 * requests already sent wait for their replies. Part of the graceful shutdown.
	 */
	public void beginDrain() {
		this.clients.values().forEach(TcpClient::beginDrain);
	}

	/**
	 * Return how many requests of all clients together are sent or waiting to be sent and have
	 * no reply yet.
	 * @return the count
	 */
	public int getPendingRequests() {
		return this.clients.values().stream().mapToInt(TcpClient::getPendingRequests).sum();
	}

	@Override
	public void start() {
		this.clients.values().forEach(TcpClient::start);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.clients.values().forEach(TcpClient::stop);
	}

	@Override
	public void destroy() {
		stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// clients stop after the servers and start before them
		return TcpServers.PHASE - 1;
	}

}
