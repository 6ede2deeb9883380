package io.github.ipcboot.udp.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ipcboot.udp.UdpEndpoint;
import io.github.ipcboot.udp.UdpEndpoints;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the UDP endpoints: {@code UP} when every endpoint is receiving;
 * {@code OUT_OF_SERVICE} while one is draining for a graceful shutdown; otherwise {@code DOWN}.
 * The details hold, per endpoint: whether it is receiving and draining, the bound port, and the
 * datagrams in flight.
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public class UdpEndpointsHealthIndicator extends AbstractHealthIndicator {

	private final UdpEndpoints endpoints;

	/**
	 * Create a new instance.
	 * @param endpoints the endpoints
	 */
	public UdpEndpointsHealthIndicator(UdpEndpoints endpoints) {
		super("UDP endpoints health check failed");
		this.endpoints = endpoints;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean down = false;
		boolean draining = false;
		for (String name : this.endpoints.names()) {
			UdpEndpoint endpoint = this.endpoints.get(name);
			boolean receiving = endpoint.isReceiving();
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("receiving", receiving);
			details.put("draining", endpoint.isDraining());
			if (receiving || endpoint.isDraining()) {
				details.put("port", endpoint.getPort());
			}
			details.put("inFlight", endpoint.getInFlight());
			builder.withDetail(name, details);
			draining |= endpoint.isDraining();
			down |= !receiving && !endpoint.isDraining();
		}
		builder.status(down ? Status.DOWN : draining ? Status.OUT_OF_SERVICE : Status.UP);
	}

}
