package io.github.ipcboot.tcp;

import java.util.List;
import java.util.Set;

import io.github.ipcboot.support.NamedComponents;
import io.github.ipcboot.support.UnknownNameException;

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

	private final NamedComponents<TcpClient> clients;

	private volatile boolean running;

	/**
	 * Create a new instance.
	 * @param clients the clients
	 */
	public TcpClients(List<TcpClient> clients) {
		this.clients = NamedComponents.of("TCP client", clients, TcpClient::getName);
	}

	/**
	 * Return the names of the configured clients.
	 * @return the names, in configuration order
	 */
	public Set<String> names() {
		return this.clients.names();
	}

	/**
	 * Return a client.
	 * @param name the configured name
	 * @return the client
	 * @throws UnknownNameException if no client has that name
	 */
	public TcpClient client(String name) {
		return this.clients.get(name);
	}

	/**
	 * Stop taking new requests on every client (they fail with a {@link TcpClientException});
	 * requests already sent wait for their replies. Part of the graceful shutdown.
	 */
	public void beginDrain() {
		this.clients.forEach(TcpClient::beginDrain);
	}

	/**
	 * Return how many requests of all clients together are sent or waiting to be sent and have
	 * no reply yet.
	 * @return the count
	 */
	public int getPendingRequests() {
		return this.clients.sum(TcpClient::getPendingRequests);
	}

	@Override
	public void start() {
		this.clients.forEach(TcpClient::start);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.clients.forEach(TcpClient::stop);
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
