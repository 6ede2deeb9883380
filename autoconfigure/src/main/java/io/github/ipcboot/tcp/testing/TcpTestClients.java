package io.github.ipcboot.tcp.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.ipcboot.tcp.TcpServers;

import org.springframework.beans.factory.DisposableBean;

/**
 * Opens {@link TcpTestClient}s to the application's configured TCP servers by name; the clients
 * still open when the application context closes are closed with it.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 * @see AutoConfigureTcpTestClient
 */
public class TcpTestClients implements DisposableBean {

	private final TcpServers servers;

	private final List<TcpTestClient> opened = new CopyOnWriteArrayList<>();

	/**
	 * Create a new instance.
	 * @param servers the application's servers
	 */
	public TcpTestClients(TcpServers servers) {
		this.servers = servers;
	}

	/**
	 * Connect to a configured server on the port it is bound to.
	 * @param serverName the server's name, as under {@code ipc.tcp.servers}
	 * @return the connected client
	 * @throws IllegalArgumentException if no server has that name
	 */
	public TcpTestClient connect(String serverName) {
		if (!this.servers.names().contains(serverName)) {
			throw new IllegalArgumentException(
					"No TCP server '" + serverName + "' (configured servers: " + this.servers.names() + ")");
		}
		TcpTestClient client = TcpTestClient.connect(this.servers.get(serverName));
		this.opened.removeIf(TcpTestClient::isClosed);
		this.opened.add(client);
		return client;
	}

	@Override
	public void destroy() {
		this.opened.forEach(TcpTestClient::close);
		this.opened.clear();
	}

}
