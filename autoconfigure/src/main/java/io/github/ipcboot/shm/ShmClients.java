package io.github.ipcboot.shm;

import java.util.Map;
import java.util.Set;

/**
 * The shared-memory channels in the client role, by name.
 * <pre class="code">
 * byte[] reply = shmClients.client("prices").request(request);
 * </pre>
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public class ShmClients {

	private final Map<String, ShmClient> clients;

	/**
	 * Create a new instance.
	 * @param channels the channels, of which the clients are taken
	 */
	public ShmClients(ShmChannels channels) {
		this.clients = channels.clients();
	}

	/**
	 * Return the names of the channels in the client role.
	 * @return the names, in configuration order
	 */
	public Set<String> names() {
		return this.clients.keySet();
	}

	/**
	 * Return a client.
	 * @param name the configured name
	 * @return the client
	 * @throws IllegalArgumentException if no channel in the client role has that name
	 */
	public ShmClient client(String name) {
		ShmClient client = this.clients.get(name);
		if (client == null) {
			throw new IllegalArgumentException("No shared-memory channel in the client role named '" + name
					+ "'; configured: " + this.clients.keySet());
		}
		return client;
	}

}
