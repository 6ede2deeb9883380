package io.github.ipcboot.udp.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.github.ipcboot.udp.UdpEndpoints;
import io.github.ipcboot.udp.UdpPeer;
import io.github.ipcboot.udp.actuate.UdpActuatorEndpoint;
import io.github.ipcboot.udp.actuate.UdpEndpointsHealthIndicator;
import io.github.ipcboot.udp.autoconfigure.UdpAutoConfigurationTests.EchoListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the meters, health indicator and Actuator endpoint of UDP endpoints, with a real
 * endpoint on 127.0.0.1.
 */
class UdpOperationsAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UdpAutoConfiguration.class, UdpMetricsAutoConfiguration.class,
				UdpHealthContributorAutoConfiguration.class, UdpEndpointAutoConfiguration.class))
		.withUserConfiguration(EchoListener.class)
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("ipc.udp.endpoints.echo.port=0", "ipc.udp.endpoints.echo.address=127.0.0.1",
				"ipc.udp.endpoints.echo.max-datagram-size=32B",
				"management.endpoints.web.exposure.include=udp");

	@Test
	void metersShouldCountDatagramsBytesAndDropsByReason() {
		this.contextRunner.run((context) -> {
			int port = context.getBean(UdpEndpoints.class).port("echo");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			try (UdpPeer peer = UdpPeer.open()) {
				assertThat(peer.request(port, "hi", TIMEOUT)).isNotNull();
				peer.send(port, "z".repeat(40));
				await().atMost(TIMEOUT)
					.until(() -> registry.get("ipc.udp.datagrams.dropped")
						.tags("name", "echo", "side", "endpoint", "reason", "too_large")
						.functionCounter()
						.count() == 1);
			}
			assertThat(registry.get("ipc.udp.datagrams.received").tag("name", "echo").functionCounter().count())
				.isEqualTo(2);
			// counted once the send returned, which may be after the peer got the reply
			await().atMost(TIMEOUT)
				.until(() -> registry.get("ipc.udp.datagrams.sent").tag("name", "echo").functionCounter().count() == 1);
			assertThat(registry.get("ipc.udp.data.received").tag("name", "echo").functionCounter().count())
				.isEqualTo(2 + 33);
			assertThat(registry.get("ipc.udp.datagrams.dropped").tag("reason", "queue_full").functionCounter().count())
				.isZero();
			assertThat(registry.get("ipc.udp.datagrams.in.flight").tag("name", "echo").gauge().value()).isZero();
		});
	}

	@Test
	void metricsShouldBeOffWhenSwitchedOff() {
		this.contextRunner.withPropertyValues("ipc.metrics.enabled=false")
			.run((context) -> assertThat(context.getBean(MeterRegistry.class).find("ipc.udp.datagrams.received").meters())
				.isEmpty());
	}

	@Test
	void healthShouldBeUpWhileReceivingAndDownWhenStopped() {
		this.contextRunner.run((context) -> {
			UdpEndpointsHealthIndicator indicator = context.getBean(UdpEndpointsHealthIndicator.class);
			Health health = indicator.health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			@SuppressWarnings("unchecked")
			Map<String, Object> details = (Map<String, Object>) health.getDetails().get("echo");
			assertThat(details).containsEntry("receiving", true)
				.containsEntry("port", context.getBean(UdpEndpoints.class).port("echo"));
			context.getBean(UdpEndpoints.class).stop();
			assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void noEndpointShouldContributeNoHealth() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(UdpAutoConfiguration.class,
					UdpHealthContributorAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(UdpEndpointsHealthIndicator.class));
	}

	@Test
	void actuatorEndpointShouldDescribeEndpointsWithTheirCounts() {
		this.contextRunner.run((context) -> {
			UdpActuatorEndpoint.UdpDescriptor descriptor = context.getBean(UdpActuatorEndpoint.class).udp();
			assertThat(descriptor.endpoints()).singleElement().satisfies((endpoint) -> {
				assertThat(endpoint.name()).isEqualTo("echo");
				assertThat(endpoint.port()).isEqualTo(context.getBean(UdpEndpoints.class).port("echo"));
				assertThat(endpoint.receiving()).isTrue();
				assertThat(endpoint.maxDatagramSize()).isEqualTo(32);
				assertThat(endpoint.counts().dropped()).containsEntry("too_large", 0L);
			});
			assertThat(descriptor.clients()).isEmpty();
		});
	}

}
