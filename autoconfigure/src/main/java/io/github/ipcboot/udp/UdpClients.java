package io.github.ipcboot.udp;

import java.util.List;
import java.util.Set;

import io.github.ipcboot.support.NamedComponents;
import io.github.ipcboot.support.UnknownNameException;

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

	private final NamedComponents<UdpClient> clients;

	/**
	 * Create a new instance.
	 * @param clients the clients
	 */
	public UdpClients(List<UdpClient> clients) {
		this.clients = NamedComponents.of("UDP client", clients, UdpClient::getName);
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
	public UdpClient client(String name) {
		return this.clients.get(name);
	}

	/**
	 * Close every client's socket.
	 */
	@Override
	public void destroy() {
		this.clients.forEach(UdpClient::close);
	}

}
