package io.github.ipcboot.udp.actuate;

import java.util.Map;

import io.github.ipcboot.actuate.NamedComponentsHealthIndicator;
import io.github.ipcboot.udp.UdpEndpoint;
import io.github.ipcboot.udp.UdpEndpoints;

/**
 * Health of the UDP endpoints: {@code UP} when every endpoint is receiving;
 * {@code OUT_OF_SERVICE} while one is draining for a graceful shutdown; otherwise {@code DOWN}.
 * The details hold, per endpoint: whether it is receiving and draining, the bound port, and the
 * datagrams in flight.
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public class UdpEndpointsHealthIndicator extends NamedComponentsHealthIndicator<UdpEndpoint> {

	/**
	 * Create a new instance.
	 * @param endpoints the endpoints
	 */
	public UdpEndpointsHealthIndicator(UdpEndpoints endpoints) {
		super("UDP endpoints health check failed", endpoints::names, endpoints::get);
	}

	@Override
	protected ComponentHealth check(String name, UdpEndpoint endpoint, Map<String, Object> details) {
		boolean receiving = endpoint.isReceiving();
		boolean draining = endpoint.isDraining();
		details.put("receiving", receiving);
		details.put("draining", draining);
		if (receiving || draining) {
			details.put("port", endpoint.getPort());
		}
		details.put("inFlight", endpoint.getInFlight());
		return ComponentHealth.of(!receiving && !draining, draining);
	}

}
