package io.github.ipcboot.udp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.ipcboot.shutdown.DrainParticipant;
import io.github.ipcboot.tcp.TcpServers;

import org.springframework.context.SmartLifecycle;

/**
 * The configured UDP endpoints, by name. Starts them when the application context starts (each
 * binds its port before start-up goes on) and stops them when it closes. As a
 * {@link DrainParticipant} the graceful shutdown stops their receiving after the drain delay and
 * waits for their handlers within its timeout.
 * <pre class="code">
 * int port = udpEndpoints.port("status");   // the bound port, also for port 0
 * </pre>
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public class UdpEndpoints implements SmartLifecycle, DrainParticipant {

	/** The lifecycle phase: the phase of the TCP servers. */
	public static final int PHASE = TcpServers.PHASE;

	/**
	 * How long handlers get to finish when the endpoints stop without a graceful shutdown before
	 * (with one, they have finished or had their time already).
	 */
	static final long STOP_GRACE_MILLIS = 5_000;

	private final Map<String, UdpEndpoint> endpoints = new LinkedHashMap<>();

	private volatile boolean running;

	/**
	 * Create a new instance.
	 * @param endpoints the endpoints
	 */
	public UdpEndpoints(List<UdpEndpoint> endpoints) {
		endpoints.forEach((endpoint) -> this.endpoints.put(endpoint.getName(), endpoint));
	}

	/**
	 * Return the names of the configured endpoints.
	 * @return the names, in configuration order
	 */
	public Set<String> names() {
		return Collections.unmodifiableSet(this.endpoints.keySet());
	}

	/**
	 * Return an endpoint.
	 * @param name the configured name
	 * @return the endpoint
	 * @throws IllegalArgumentException if no endpoint has that name
	 */
	public UdpEndpoint get(String name) {
		UdpEndpoint endpoint = this.endpoints.get(name);
		if (endpoint == null) {
			throw new IllegalArgumentException(
					"No UDP endpoint named '" + name + "'; configured: " + this.endpoints.keySet());
		}
		return endpoint;
	}

	/**
	 * Return the port an endpoint is bound to (useful with port 0).
	 * @param name the configured name
	 * @return the port
	 */
	public int port(String name) {
		return get(name).getPort();
	}

	@Override
	public void start() {
		try {
			this.endpoints.values().forEach(UdpEndpoint::start);
		}
		catch (RuntimeException ex) {
			// a failed start-up is not stopped by the context: leave nothing bound
			stopAll();
			throw ex;
		}
		this.running = true;
	}

	@Override
	public void beginDrain() {
		this.endpoints.values().forEach(UdpEndpoint::beginDrain);
	}

	@Override
	public int getInFlight() {
		return this.endpoints.values().stream().mapToInt(UdpEndpoint::getInFlight).sum();
	}

	@Override
	public void stop() {
		this.running = false;
		stopAll();
	}

	private void stopAll() {
		this.endpoints.values().forEach((endpoint) -> endpoint.stop(STOP_GRACE_MILLIS));
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
