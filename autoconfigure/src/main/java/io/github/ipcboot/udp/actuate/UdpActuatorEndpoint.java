package io.github.ipcboot.udp.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.ipcboot.udp.UdpClient;
import io.github.ipcboot.udp.UdpClientSettings;
import io.github.ipcboot.udp.UdpClients;
import io.github.ipcboot.udp.UdpDropReason;
import io.github.ipcboot.udp.UdpEndpoint;
import io.github.ipcboot.udp.UdpEndpointSettings;
import io.github.ipcboot.udp.UdpEndpoints;
import io.github.ipcboot.udp.UdpStats;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code udp} Actuator endpoint: the UDP endpoints and clients with their settings and counts.
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
@Endpoint(id = "udp")
public class UdpActuatorEndpoint {

	private final UdpEndpoints endpoints;

	private final UdpClients clients;

	/**
	 * Create a new instance.
	 * @param endpoints the endpoints
	 * @param clients the clients
	 */
	public UdpActuatorEndpoint(UdpEndpoints endpoints, UdpClients clients) {
		this.endpoints = endpoints;
		this.clients = clients;
	}

	/**
	 * Describe the endpoints and clients.
	 * @return the description
	 */
	@ReadOperation
	public UdpDescriptor udp() {
		return new UdpDescriptor(
				this.endpoints.names().stream().map((name) -> describe(this.endpoints.get(name))).toList(),
				this.clients.names().stream().map((name) -> describe(this.clients.client(name))).toList());
	}

	private static EndpointDescriptor describe(UdpEndpoint endpoint) {
		UdpEndpointSettings settings = endpoint.getSettings();
		boolean receiving = endpoint.isReceiving();
		Integer port = (receiving || endpoint.isDraining()) ? endpoint.getPort() : null;
		return new EndpointDescriptor(endpoint.getName(), settings.address(), port, receiving, endpoint.isDraining(),
				settings.maxDatagramSize(), settings.handlerThreads(), settings.queueCapacity(), settings.replies(),
				settings.maxReplyRatio(), (settings.multicast() != null) ? settings.multicast().group() : null,
				endpoint.getInFlight(), counts(endpoint.getStats()));
	}

	private static ClientDescriptor describe(UdpClient client) {
		UdpClientSettings settings = client.getSettings();
		return new ClientDescriptor(client.getName(), settings.host(), settings.port(),
				settings.replyTimeout().toMillis(), settings.retries(), counts(client.getStats()));
	}

	private static Counts counts(UdpStats stats) {
		Map<String, Long> dropped = new LinkedHashMap<>();
		for (UdpDropReason reason : UdpDropReason.values()) {
			dropped.put(reason.tag(), stats.getDropped(reason));
		}
		return new Counts(stats.getReceived(), stats.getSent(), dropped, stats.getListenerErrors());
	}

	/**
	 * The endpoints and clients.
	 *
	 * @param endpoints the endpoints, in configuration order
	 * @param clients the clients, in configuration order
	 */
	public record UdpDescriptor(List<EndpointDescriptor> endpoints, List<ClientDescriptor> clients)
			implements OperationResponseBody {

	}

	/**
	 * One endpoint.
	 *
	 * @param name the configured name
	 * @param address the local address it binds, or {@code null} for all interfaces
	 * @param port the bound port, or {@code null} when it is not receiving (and not draining)
	 * @param receiving whether it is receiving
	 * @param draining whether it is draining for a graceful shutdown
	 * @param maxDatagramSize the largest datagram handed to the listener
	 * @param handlerThreads the threads that run the listener
	 * @param queueCapacity the most datagrams waiting for a thread
	 * @param replies whether replies are sent
	 * @param maxReplyRatio the reply cap as a multiple of the request's size, 0 for none
	 * @param multicastGroup the group joined, or {@code null}
	 * @param inFlight the datagrams queued or being handled
	 * @param counts the counts since start-up
	 */
	public record EndpointDescriptor(String name, @Nullable String address, @Nullable Integer port,
			boolean receiving, boolean draining, int maxDatagramSize, int handlerThreads, int queueCapacity,
			boolean replies, double maxReplyRatio, @Nullable String multicastGroup, int inFlight, Counts counts) {

	}

	/**
	 * One client.
	 *
	 * @param name the configured name
	 * @param host the server's host
	 * @param port the server's port
	 * @param replyTimeoutMillis how long one attempt waits for a reply
	 * @param retries how many times a request is sent again
	 * @param counts the counts since start-up
	 */
	public record ClientDescriptor(String name, String host, int port, long replyTimeoutMillis, int retries,
			Counts counts) {

	}

	/**
	 * The counts of an endpoint or client.
	 *
	 * @param received the datagrams received
	 * @param sent the datagrams sent
	 * @param dropped the datagrams dropped, by reason
	 * @param listenerErrors the listener calls that threw
	 */
	public record Counts(long received, long sent, Map<String, Long> dropped, long listenerErrors) {

	}

}
