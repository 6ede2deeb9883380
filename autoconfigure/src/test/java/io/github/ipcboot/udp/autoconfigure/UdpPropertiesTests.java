package io.github.ipcboot.udp.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.github.ipcboot.autoconfigure.IpcStartupException;
import io.github.ipcboot.udp.UdpClientSettings;
import io.github.ipcboot.udp.UdpEndpointSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for binding {@link UdpProperties} and turning them into settings.
 */
class UdpPropertiesTests {

	@Test
	void endpointPropertiesShouldBindAndBecomeSettings() {
		Map<String, String> map = new HashMap<>();
		map.put("ipc.udp.endpoints.status.port", "7002");
		map.put("ipc.udp.endpoints.status.max-datagram-size", "1KB");
		map.put("ipc.udp.endpoints.status.receive-buffer-size", "1MB");
		map.put("ipc.udp.endpoints.status.charset", "ISO-8859-1");
		map.put("ipc.udp.endpoints.status.allowed-clients", "10.0.0.0/8,::1");
		map.put("ipc.udp.endpoints.status.handler-threads", "3");
		map.put("ipc.udp.endpoints.status.queue-capacity", "10");
		map.put("ipc.udp.endpoints.status.reply.max-ratio", "1.5");
		map.put("ipc.udp.endpoints.status.multicast.group", "239.1.2.3");
		map.put("ipc.udp.endpoints.status.multicast.time-to-live", "4");
		UdpEndpointSettings settings = UdpSettingsFactory.endpoint("status",
				bind(map).getEndpoints().get("status"));
		assertThat(settings.port()).isEqualTo(7002);
		assertThat(settings.maxDatagramSize()).isEqualTo(1024);
		assertThat(settings.receiveBufferSize()).isEqualTo(1024 * 1024);
		assertThat(settings.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
		assertThat(settings.allowedClients()).hasToString("[10.0.0.0/8, ::1]");
		assertThat(settings.handlerThreads()).isEqualTo(3);
		assertThat(settings.queueCapacity()).isEqualTo(10);
		assertThat(settings.replies()).isTrue();
		assertThat(settings.maxReplySize(100)).isEqualTo(150);
		assertThat(settings.multicast()).isNotNull();
		assertThat(settings.multicast().group()).isEqualTo("239.1.2.3");
		assertThat(settings.multicast().timeToLive()).isEqualTo(4);
		assertThat(settings.multicast().loopback()).isTrue();
	}

	@Test
	void defaultsShouldBeBoundedAndReplyCapOnlyByTheUdpLimit() {
		UdpEndpointSettings settings = UdpSettingsFactory.endpoint("status",
				bind(Map.of("ipc.udp.endpoints.status.port", "0")).getEndpoints().get("status"));
		assertThat(settings.maxDatagramSize()).isEqualTo(8 * 1024);
		assertThat(settings.queueCapacity()).isEqualTo(1024);
		assertThat(settings.handlerThreads()).isGreaterThanOrEqualTo(2);
		assertThat(settings.maxReplySize(1)).isEqualTo(UdpEndpointSettings.MAX_UDP_PAYLOAD);
		assertThat(settings.multicast()).isNull();
		assertThat(settings.allowedClients()).isEmpty();
	}

	@Test
	void clientPropertiesShouldBindDurationsWithoutUnitsAsMilliseconds() {
		UdpClientSettings settings = UdpSettingsFactory.client("status",
				bind(Map.of("ipc.udp.clients.status.host", "localhost", "ipc.udp.clients.status.port", "7002",
						"ipc.udp.clients.status.reply-timeout", "250", "ipc.udp.clients.status.retries", "0"))
					.getClients()
					.get("status"));
		assertThat(settings.replyTimeout()).isEqualTo(Duration.ofMillis(250));
		assertThat(settings.retries()).isZero();
		assertThat(settings.maxDatagramSize()).isEqualTo(8 * 1024);
	}

	@Test
	void datagramSizeBeyondTheUdpLimitShouldBeRefusedNamingTheEndpoint() {
		UdpProperties properties = bind(Map.of("ipc.udp.endpoints.big.port", "0",
				"ipc.udp.endpoints.big.max-datagram-size", "64KB"));
		assertThatIllegalStateException()
			.isThrownBy(() -> UdpSettingsFactory.endpoint("big", properties.getEndpoints().get("big")))
			.withMessage("Invalid configuration of ipc.udp.endpoints.big: max-datagram-size must be 1-65507 bytes, "
					+ "was 65536");
	}

	@Test
	void clientWithoutHostShouldBeRefused() {
		UdpProperties properties = bind(Map.of("ipc.udp.clients.c.port", "1"));
		assertThatIllegalStateException()
			.isThrownBy(() -> UdpSettingsFactory.client("c", properties.getClients().get("c")))
			.withMessage("ipc.udp.clients.c.host and ipc.udp.clients.c.port are required");
	}

	@Test
	void clientSizeAndCharsetShouldBindAndMulticastLoopbackCanBeTurnedOff() {
		UdpProperties properties = bind(Map.of("ipc.udp.clients.c.host", "localhost", "ipc.udp.clients.c.port", "9",
				"ipc.udp.clients.c.max-datagram-size", "2KB", "ipc.udp.clients.c.charset", "UTF-16",
				"ipc.udp.endpoints.m.port", "0", "ipc.udp.endpoints.m.multicast.group", "239.1.2.3",
				"ipc.udp.endpoints.m.multicast.loopback", "false"));
		UdpClientSettings client = UdpSettingsFactory.client("c", properties.getClients().get("c"));
		assertThat(client.maxDatagramSize()).isEqualTo(2048);
		assertThat(client.charset()).isEqualTo(StandardCharsets.UTF_16);
		UdpEndpointSettings endpoint = UdpSettingsFactory.endpoint("m", properties.getEndpoints().get("m"));
		assertThat(endpoint.multicast()).isNotNull();
		assertThat(endpoint.multicast().loopback()).isFalse();
	}

	@Test
	void clientWithoutPortShouldNameThePort() {
		UdpProperties properties = bind(Map.of("ipc.udp.clients.c.host", "localhost"));
		assertThatExceptionOfType(IpcStartupException.class)
			.isThrownBy(() -> UdpSettingsFactory.client("c", properties.getClients().get("c")))
			.withMessage("ipc.udp.clients.c.host and ipc.udp.clients.c.port are required")
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("ipc.udp.clients.c.port"));
	}

	@Test
	void clientWithInvalidValueShouldBeRefusedNamingTheClient() {
		UdpProperties properties = bind(Map.of("ipc.udp.clients.c.host", "localhost", "ipc.udp.clients.c.port",
				"70000"));
		assertThatExceptionOfType(IpcStartupException.class)
			.isThrownBy(() -> UdpSettingsFactory.client("c", properties.getClients().get("c")))
			.withMessage("Invalid configuration of ipc.udp.clients.c: port must be 1-65535, was 70000");
	}

	private static UdpProperties bind(Map<String, String> map) {
		return new Binder(new MapConfigurationPropertySource(map)).bind("ipc.udp", Bindable.of(UdpProperties.class))
			.get();
	}

}
