package io.github.ipcboot.udp.autoconfigure;

import io.github.ipcboot.autoconfigure.IpcStartupException;
import io.github.ipcboot.tcp.CidrRange;
import io.github.ipcboot.udp.UdpClientSettings;
import io.github.ipcboot.udp.UdpEndpointSettings;
import io.github.ipcboot.udp.UdpMulticast;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Turns the properties of an endpoint or client into its settings, failing with the property at
 * fault in the message.
 */
final class UdpSettingsFactory {

	private UdpSettingsFactory() {
	}

	static UdpEndpointSettings endpoint(String name, UdpEndpointProperties properties) {
		String prefix = "ipc.udp.endpoints." + name;
		Integer port = properties.getPort();
		if (port == null) {
			throw IpcStartupException.missing(prefix + ".port", prefix + ".port is required (use 0 for an ephemeral port)",
					prefix + ".port=9000, or 0 for an ephemeral port");
		}
		UdpEndpointProperties.Multicast group = properties.getMulticast();
		UdpMulticast multicast = (group.getGroup() != null) ? new UdpMulticast(group.getGroup(),
				group.getNetworkInterface(), group.isLoopback(), group.getTimeToLive()) : null;
		Integer threads = properties.getHandlerThreads();
		Double ratio = properties.getReply().getMaxRatio();
		try {
			return new UdpEndpointSettings(name, properties.getAddress(), port,
					bytes(properties.getMaxDatagramSize()), optionalBytes(properties.getReceiveBufferSize()),
					properties.getCharset(),
					CidrRange.parseAll(prefix + ".allowed-clients", properties.getAllowedClients()),
					(threads != null) ? threads : Math.max(2, Runtime.getRuntime().availableProcessors()),
					properties.getQueueCapacity(), properties.getReply().isEnabled(), (ratio != null) ? ratio : 0,
					multicast);
		}
		catch (IllegalArgumentException ex) {
			throw IpcStartupException.invalid(prefix, ex);
		}
	}

	static UdpClientSettings client(String name, UdpClientProperties properties) {
		String prefix = "ipc.udp.clients." + name;
		String host = properties.getHost();
		Integer port = properties.getPort();
		if (host == null || port == null) {
			throw IpcStartupException.missing((host == null) ? prefix + ".host" : prefix + ".port",
					prefix + ".host and " + prefix + ".port are required",
					prefix + ".host=127.0.0.1 and " + prefix + ".port=9000");
		}
		try {
			return new UdpClientSettings(name, host, port, properties.getReplyTimeout(), properties.getRetries(),
					bytes(properties.getMaxDatagramSize()), properties.getCharset());
		}
		catch (IllegalArgumentException ex) {
			throw IpcStartupException.invalid(prefix, ex);
		}
	}

	private static int bytes(DataSize size) {
		return (int) Math.min(Integer.MAX_VALUE, size.toBytes());
	}

	private static @Nullable Integer optionalBytes(@Nullable DataSize size) {
		return (size != null) ? bytes(size) : null;
	}

}
