package io.github.ipcboot.udp;

import java.util.List;

import io.github.ipcboot.shutdown.DrainParticipant;
import io.github.ipcboot.support.NamedComponents;
import io.github.ipcboot.support.NamedComponentsLifecycle;
import io.github.ipcboot.support.UnknownNameException;
import io.github.ipcboot.tcp.TcpServers;

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
public class UdpEndpoints extends NamedComponentsLifecycle<UdpEndpoint> implements DrainParticipant {

	/** The lifecycle phase: the phase of the TCP servers. */
	public static final int PHASE = TcpServers.PHASE;

	/**
	 * How long handlers get to finish when the endpoints stop without a graceful shutdown before
	 * (with one, they have finished or had their time already).
	 */
	static final long STOP_GRACE_MILLIS = 5_000;

	/**
	 * Create a new instance.
	 * @param endpoints the endpoints
	 */
	public UdpEndpoints(List<UdpEndpoint> endpoints) {
		super(NamedComponents.of("UDP endpoint", endpoints, UdpEndpoint::getName), PHASE);
	}

	/**
	 * Return an endpoint.
	 * @param name the configured name
	 * @return the endpoint
	 * @throws UnknownNameException if no endpoint has that name
	 */
	public UdpEndpoint get(String name) {
		return components().get(name);
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
	public void beginDrain() {
		components().forEach(UdpEndpoint::beginDrain);
	}

	@Override
	public int getInFlight() {
		return components().sum(UdpEndpoint::getInFlight);
	}

	@Override
	protected void startComponent(UdpEndpoint endpoint) {
		endpoint.start();
	}

	@Override
	protected void stopComponent(UdpEndpoint endpoint) {
		endpoint.stop(STOP_GRACE_MILLIS);
	}

}
