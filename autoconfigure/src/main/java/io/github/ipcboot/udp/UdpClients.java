package io.github.ipcboot.udp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.DisposableBean;

/**
 * The configured UDP clients, by name.
 * <pre class="code">
 * udpClients.client("metrics").send("requests:1|c");
 * </pre>
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public class UdpClients implements DisposableBean {

	private final Map<String, UdpClient> clients = new LinkedHashMap<>();

	/**
	 * Create a new instance.
	 * @param clients the clients
	 */
	public UdpClients(List<UdpClient> clients) {
		clients.forEach((client) -> this.clients.put(client.getName(), client));
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
	public UdpClient client(String name) {
		UdpClient client = this.clients.get(name);
		if (client == null) {
			throw new IllegalArgumentException(
					"No UDP client named '" + name + "'; configured: " + this.clients.keySet());
		}
		return client;
	}

	/**
	 * Close every client's socket.
	 */
	@Override
	public void destroy() {
		this.clients.values().forEach(UdpClient::close);
	}

}
