package io.github.ipcboot.udp.actuate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.github.ipcboot.udp.UdpClient;
import io.github.ipcboot.udp.UdpClientSettings;
import io.github.ipcboot.udp.UdpClients;
import io.github.ipcboot.udp.UdpEndpoint;
import io.github.ipcboot.udp.UdpEndpointSettings;
import io.github.ipcboot.udp.UdpEndpoints;
import io.github.ipcboot.udp.UdpMulticast;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the endpoint and meters of UDP endpoints that are not started and of clients that have
 * not sent anything: what they describe before any traffic.
 */
class UdpActuateWithoutTrafficTests {

	private final UdpEndpoints endpoints = new UdpEndpoints(List.of(new UdpEndpoint(new UdpEndpointSettings("feed",
			null, 0, 512, null, StandardCharsets.UTF_8, List.of(), 1, 1, false, 0,
			new UdpMulticast("239.255.1.2", null, true, 1)))));

	private final UdpClients clients = new UdpClients(List.of(new UdpClient(new UdpClientSettings("status",
			"localhost", 7002, Duration.ofMillis(300), 2, 512, StandardCharsets.UTF_8))));

	@Test
	void endpointShouldDescribeClientsAndAnEndpointThatIsNotStarted() {
		UdpActuatorEndpoint.UdpDescriptor descriptor = new UdpActuatorEndpoint(this.endpoints, this.clients).udp();
		assertThat(descriptor.endpoints()).singleElement().satisfies((endpoint) -> {
			assertThat(endpoint.name()).isEqualTo("feed");
			assertThat(endpoint.port()).isNull();
			assertThat(endpoint.receiving()).isFalse();
			assertThat(endpoint.multicastGroup()).isEqualTo("239.255.1.2");
			assertThat(endpoint.replies()).isFalse();
		});
		assertThat(descriptor.clients()).singleElement().satisfies((client) -> {
			assertThat(client.name()).isEqualTo("status");
			assertThat(client.host()).isEqualTo("localhost");
			assertThat(client.port()).isEqualTo(7002);
			assertThat(client.replyTimeoutMillis()).isEqualTo(300);
			assertThat(client.retries()).isEqualTo(2);
			assertThat(client.counts().sent()).isZero();
		});
		this.clients.destroy();
	}

	@Test
	void metersShouldBeBoundForClientsToo() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new UdpMetricsBinder(registry, this.endpoints, this.clients).afterSingletonsInstantiated();
		assertThat(registry.get("ipc.udp.datagrams.sent").tags("name", "status", "side", "client").functionCounter()
			.count()).isZero();
		assertThat(registry.find("ipc.udp.datagrams.received").tags("name", "feed").functionCounter()).isNotNull();
		this.clients.destroy();
	}

	@Test
	void healthShouldBeDownWhileTheEndpointIsNotReceiving() {
		Health health = new UdpEndpointsHealthIndicator(this.endpoints).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		this.clients.destroy();
	}

}
