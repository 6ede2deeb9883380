package io.github.ipcboot.tcp.autoconfigure;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.github.ipcboot.framing.FramingType;
import io.github.ipcboot.tcp.TcpClientAuth;
import io.github.ipcboot.tcp.TcpErrorAction;
import io.github.ipcboot.tcp.TcpIoMode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binding of {@link TcpProperties}.
 */
class TcpPropertiesTests {

	@Test
	void serverPropertiesShouldBindWithAndWithoutUnits() {
		Map<String, String> map = new HashMap<>();
		map.put("ipc.tcp.servers.orders.port", "7000");
		map.put("ipc.tcp.servers.orders.framing", "start-end");
		map.put("ipc.tcp.servers.orders.start", "\\x0b");
		map.put("ipc.tcp.servers.orders.end", "\\x1c\\r");
		map.put("ipc.tcp.servers.orders.max-frame-size", "16KB");
		map.put("ipc.tcp.servers.orders.idle-timeout", "500");
		map.put("ipc.tcp.servers.orders.allowed-clients", "10.0.0.0/8,127.0.0.1");
		map.put("ipc.tcp.servers.orders.on-frame-too-large", "reply-and-close");
		map.put("ipc.tcp.servers.orders.io-mode", "nio");
		map.put("ipc.tcp.servers.orders.ssl.bundle", "orders");
		map.put("ipc.tcp.servers.orders.ssl.client-auth", "need");
		TcpServerProperties server = bind(map).getServers().get("orders");
		assertThat(server.getPort()).isEqualTo(7000);
		assertThat(server.getFraming()).isEqualTo(FramingType.START_END);
		assertThat(server.toFraming().getEnd()).containsExactly(0x1c, '\r');
		assertThat(server.getMaxFrameSize()).isEqualTo(DataSize.ofKilobytes(16));
		assertThat(server.getIdleTimeout()).isEqualTo(Duration.ofMillis(500));
		assertThat(server.getAllowedClients()).containsExactly("10.0.0.0/8", "127.0.0.1");
		assertThat(server.getOnFrameTooLarge()).isEqualTo(TcpErrorAction.REPLY_AND_CLOSE);
		assertThat(server.getIoMode()).isEqualTo(TcpIoMode.NIO);
		assertThat(server.getSsl().getBundle()).isEqualTo("orders");
		assertThat(server.getSsl().getClientAuth()).isEqualTo(TcpClientAuth.NEED);
	}

	@Test
	void serverLimitsShouldBindAndDefault() {
		Map<String, String> map = new HashMap<>();
		map.put("ipc.tcp.servers.orders.port", "7000");
		map.put("ipc.tcp.servers.orders.write-timeout", "1500");
		map.put("ipc.tcp.servers.orders.max-connections-per-client", "3");
		map.put("ipc.tcp.servers.orders.max-pending-bytes", "1MB");
		TcpServerProperties server = bind(map).getServers().get("orders");
		assertThat(server.getWriteTimeout()).isEqualTo(Duration.ofMillis(1500));
		assertThat(server.getFrameTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(server.getHandshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(server.getMaxConnectionsPerClient()).isEqualTo(3);
		assertThat(server.getMaxPendingBytes()).isEqualTo(DataSize.ofMegabytes(1));
		TcpServerProperties defaults = bind(Map.of("ipc.tcp.servers.orders.port", "7000")).getServers().get("orders");
		assertThat(defaults.getWriteTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(defaults.getMaxConnectionsPerClient()).isZero();
		assertThat(defaults.getMaxPendingBytes()).isNull();
	}

	@Test
	void clientPropertiesShouldBindAndDefault() {
		Map<String, String> map = new HashMap<>();
		map.put("ipc.tcp.clients.pricing.host", "pricing.internal");
		map.put("ipc.tcp.clients.pricing.port", "9100");
		map.put("ipc.tcp.clients.pricing.framing", "length-header");
		map.put("ipc.tcp.clients.pricing.reply-timeout", "2s");
		TcpClientProperties client = bind(map).getClients().get("pricing");
		assertThat(client.getReplyTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(client.getConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(client.getPoolSize()).isEqualTo(1);
		assertThat(client.getPoolIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(client.getSsl().isVerifyHostname()).isTrue();
		assertThat(client.toFraming().getLengthHeaderSize()).isEqualTo(4);
		assertThat(client.isGreeting()).isFalse();
		// max-reply-size follows the frame limit in effect unless set
		assertThat(client.getMaxReplySize()).isNull();
		assertThat(client.maxReplyBytes(client.toFraming().getMaxFrameSize())).isEqualTo(16 * 64 * 1024);
		map.put("ipc.tcp.clients.pricing.max-reply-size", "300KB");
		map.put("ipc.tcp.clients.pricing.greeting", "true");
		TcpClientProperties set = bind(map).getClients().get("pricing");
		assertThat(set.maxReplyBytes(set.toFraming().getMaxFrameSize())).isEqualTo(300 * 1024);
		assertThat(set.isGreeting()).isTrue();
	}

	private static TcpProperties bind(Map<String, String> map) {
		return new Binder(new MapConfigurationPropertySource(map)).bind("ipc.tcp", Bindable.of(TcpProperties.class))
			.get();
	}

}
