package io.github.ipcboot.shm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.ipcboot.shutdown.DrainParticipant;
import io.github.ipcboot.support.NamedComponents;
import io.github.ipcboot.support.NamedComponentsLifecycle;
import io.github.ipcboot.support.UnknownNameException;
import io.github.ipcboot.tcp.TcpServers;

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
public class ShmChannels extends NamedComponentsLifecycle<ShmChannel> implements DrainParticipant {

	/** The lifecycle phase: the phase of the TCP servers. */
	public static final int PHASE = TcpServers.PHASE;

	private final Map<String, ShmServerChannel> servers = new LinkedHashMap<>();

	private final Map<String, ShmClient> clients = new LinkedHashMap<>();

	/**
	 * Create a new instance.
	 * @param channels the channels
	 */
	public ShmChannels(List<ShmChannel> channels) {
		super(NamedComponents.of("shared-memory channel", channels, ShmChannel::getName), PHASE);
		for (ShmChannel channel : channels) {
			if (channel instanceof ShmServerChannel server) {
				this.servers.put(channel.getName(), server);
			}
			else if (channel instanceof ShmClient client) {
				this.clients.put(channel.getName(), client);
			}
		}
	}

	/**
	 * Return a channel.
	 * @param name the configured name
	 * @return the channel
	 * @throws UnknownNameException if no channel has that name
	 */
	public ShmChannel get(String name) {
		return components().get(name);
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
	public void beginDrain() {
		this.servers.values().forEach(ShmServerChannel::beginDrain);
		this.clients.values().forEach(ShmClient::beginDrain);
	}

	@Override
	public int getInFlight() {
		return this.servers.values().stream().mapToInt(ShmServerChannel::getInFlight).sum()
				+ this.clients.values().stream().mapToInt(ShmClient::getInFlight).sum();
	}

	/**
	 * Start one channel: a server creates its file; a client attaches when the server's file
	 * appears.
	 * @param channel the channel
	 */
	@Override
	protected void startComponent(ShmChannel channel) {
		channel.start();
	}

	/**
	 * Stop one channel: a server removes its file.
	 * @param channel the channel
	 */
	@Override
	protected void stopComponent(ShmChannel channel) {
		channel.stop();
	}

}
