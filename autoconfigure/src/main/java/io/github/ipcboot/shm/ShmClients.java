package io.github.ipcboot.shm;

import java.util.Set;

import io.github.ipcboot.support.NamedComponents;
import io.github.ipcboot.support.UnknownNameException;

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

	private final NamedComponents<ShmClient> clients;

	/**
	 * Create a new instance.
	 * @param channels the channels, of which the clients are taken
	 */
	public ShmClients(ShmChannels channels) {
		this.clients = NamedComponents.of("shared-memory channel in the client role", channels.clients());
	}

	/**
	 * Return the names of the channels in the client role.
	 * @return the names, in configuration order
	 */
	public Set<String> names() {
		return this.clients.names();
	}

	/**
	 * Return a client.
	 * @param name the configured name
	 * @return the client
	 * @throws UnknownNameException if no channel in the client role has that name
	 */
	public ShmClient client(String name) {
		return this.clients.get(name);
	}

}
