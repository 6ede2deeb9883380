package io.github.ipcboot.udp.actuate;

import io.github.ipcboot.actuate.FunctionCounters;
import io.github.ipcboot.udp.UdpClient;
import io.github.ipcboot.udp.UdpClients;
import io.github.ipcboot.udp.UdpDropReason;
import io.github.ipcboot.udp.UdpEndpoint;
import io.github.ipcboot.udp.UdpEndpoints;
import io.github.ipcboot.udp.UdpStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Registers the meters of every UDP endpoint ({@code side=endpoint}) and client
 * ({@code side=client}), read from their {@link UdpStats}: {@code ipc.udp.datagrams.received},
 * {@code ipc.udp.datagrams.sent}, {@code ipc.udp.datagrams.dropped} (with {@code reason}, see
 * {@link UdpDropReason}), {@code ipc.udp.data.received} and {@code ipc.udp.data.sent} in bytes,
 * {@code ipc.udp.listener.errors}, and for endpoints the gauge {@code ipc.udp.datagrams.in.flight}
 * (queued or being handled).
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public class UdpMetricsBinder implements SmartInitializingSingleton {

	private final MeterRegistry registry;

	private final UdpEndpoints endpoints;

	private final UdpClients clients;

	/**
	 * Create a new instance.
	 * @param registry the registry of the meters
	 * @param endpoints the endpoints
	 * @param clients the clients
	 */
	public UdpMetricsBinder(MeterRegistry registry, UdpEndpoints endpoints, UdpClients clients) {
		this.registry = registry;
		this.endpoints = endpoints;
		this.clients = clients;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (String name : this.endpoints.names()) {
			UdpEndpoint endpoint = this.endpoints.get(name);
			Tags tags = Tags.of("name", name, "side", "endpoint");
			bind(endpoint.getStats(), tags);
			Gauge.builder("ipc.udp.datagrams.in.flight", endpoint, UdpEndpoint::getInFlight)
				.tags(tags)
				.description("Datagrams queued for or being handled by the listener")
				.register(this.registry);
		}
		for (String name : this.clients.names()) {
			UdpClient client = this.clients.client(name);
			bind(client.getStats(), Tags.of("name", name, "side", "client"));
		}
	}

	private void bind(UdpStats stats, Tags tags) {
		FunctionCounters<UdpStats> counters = new FunctionCounters<>(this.registry, stats, tags);
		counters.count("ipc.udp.datagrams.received", UdpStats::getReceived, "Datagrams received");
		counters.count("ipc.udp.datagrams.sent", UdpStats::getSent, "Datagrams sent");
		counters.countBytes("ipc.udp.data.received", UdpStats::getReceivedBytes, "Bytes of datagrams received");
		counters.countBytes("ipc.udp.data.sent", UdpStats::getSentBytes, "Bytes of datagrams sent");
		counters.count("ipc.udp.listener.errors", UdpStats::getListenerErrors, "Calls of the listener method that threw");
		for (UdpDropReason reason : UdpDropReason.values()) {
			counters.count("ipc.udp.datagrams.dropped", (counts) -> counts.getDropped(reason), "reason", reason.tag(),
					"Datagrams dropped");
		}
	}

}
