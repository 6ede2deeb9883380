package io.github.ipcboot.shm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.ipcboot.shutdown.DrainParticipant;
import io.github.ipcboot.tcp.TcpServers;

import org.springframework.context.SmartLifecycle;

/**
 * The configured shared-memory channels, by name, both roles. Starts them when the application
 * context starts (a server creates its file before start-up goes on; a client attaches when the
 * server's file appears) and stops them when it closes (a server removes its file). As a
 * {@link DrainParticipant} the graceful shutdown marks the server channels draining (their
 * clients stop sending), stops their reading after the drain delay, and waits for the message
 * being handled and for the clients' requests waiting for replies.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public class ShmChannels implements SmartLifecycle, DrainParticipant {

	/** The lifecycle phase: the phase of the TCP servers. */
	public static final int PHASE = TcpServers.PHASE;

	private final Map<String, ShmChannel> channels = new LinkedHashMap<>();

	private final Map<String, ShmServerChannel> servers = new LinkedHashMap<>();

	private final Map<String, ShmClient> clients = new LinkedHashMap<>();

	private volatile boolean running;

	/**
	 * Create a new instance.
	 * @param channels the channels
	 */
	public ShmChannels(List<ShmChannel> channels) {
		for (ShmChannel channel : channels) {
			this.channels.put(channel.getName(), channel);
			if (channel instanceof ShmServerChannel server) {
				this.servers.put(channel.getName(), server);
			}
			else if (channel instanceof ShmClient client) {
				this.clients.put(channel.getName(), client);
			}
		}
	}

	/**
	 * Return the names of the configured channels.
	 * @return the names, in configuration order
	 */
	public Set<String> names() {
		return Collections.unmodifiableSet(this.channels.keySet());
	}

	/**
	 * Return a channel.
	 * @param name the configured name
	 * @return the channel
	 * @throws IllegalArgumentException if no channel has that name
	 */
	public ShmChannel get(String name) {
		ShmChannel channel = this.channels.get(name);
		if (channel == null) {
			throw new IllegalArgumentException(
					"No shared-memory channel named '" + name + "'; configured: " + this.channels.keySet());
		}
		return channel;
	}

	/**
	 * Return the channels in the server role.
	 * @return the server channels by name
	 */
	public Map<String, ShmServerChannel> servers() {
		return Collections.unmodifiableMap(this.servers);
	}

	/**
	 * Return the channels in the client role.
	 * @return the clients by name
	 */
	public Map<String, ShmClient> clients() {
		return Collections.unmodifiableMap(this.clients);
	}

	@Override
	public void start() {
		try {
			this.channels.values().forEach(ShmChannel::start);
		}
		catch (RuntimeException ex) {
			// a failed start-up is not stopped by the context: leave no file behind
			stop();
			throw ex;
		}
		this.running = true;
	}

	@Override
	public void beginDrain() {
		this.servers.values().forEach(ShmServerChannel::beginDrain);
		this.clients.values().forEach(ShmClient::beginDrain);
	}

	@Override
	public int getInFlight() {
		return this.servers.values().stream().mapToInt(ShmServerChannel::getInFlight).sum()
				+ this.clients.values().stream().mapToInt(ShmClient::getInFlight).sum();
	}

	@Override
	public void stop() {
		this.running = false;
		this.channels.values().forEach(ShmChannel::stop);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
