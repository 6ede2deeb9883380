package io.github.ipcboot.udp;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DatagramChannels}: socket options, and start-up failures that name the setting at
 * fault, over real sockets.
 */
class DatagramChannelsTests {

	@Test
	void receiveBufferSizeShouldBeSetOnTheChannel() throws Exception {
		try (DatagramChannel channel = DatagramChannels.open(settings("127.0.0.1", 0, 32_768, null))) {
			// Linux doubles the size asked for (for its bookkeeping); no system gives less than asked here
			assertThat(channel.getOption(StandardSocketOptions.SO_RCVBUF)).isGreaterThanOrEqualTo(32_768);
			assertThat(((InetSocketAddress) channel.getLocalAddress()).getPort()).isPositive();
		}
	}

	@Test
	void portInUseOnAllInterfacesShouldNameAllInterfaces() throws Exception {
		try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(0))) {
			int port = taken.getLocalPort();
			assertThatExceptionOfType(UdpStartupException.class)
				.isThrownBy(() -> DatagramChannels.open(settings(null, port, null, null)))
				.withMessageStartingWith("UDP endpoint 'test' could not bind all interfaces:" + port
						+ " (is the port in use, or the address not this host's?)");
		}
	}

	@Test
	void addressThatDoesNotResolveShouldNameTheProperty() {
		assertThatExceptionOfType(UdpStartupException.class)
			.isThrownBy(() -> DatagramChannels.open(settings("no-such-host.invalid", 0, null, null)))
			.withMessageStartingWith("ipc.udp.endpoints.test.address 'no-such-host.invalid' does not resolve");
	}

	@Test
	void multicastGroupThatDoesNotResolveShouldNameTheProperty() {
		UdpMulticast multicast = new UdpMulticast("no-such-group.invalid", null, true, 1);
		assertThatExceptionOfType(UdpStartupException.class)
			.isThrownBy(() -> DatagramChannels.open(settings("127.0.0.1", 0, null, multicast)))
			.withMessageStartingWith("ipc.udp.endpoints.test.multicast.group 'no-such-group.invalid' does not resolve");
	}

	@Test
	void multicastOnUnknownInterfaceShouldNameTheProperty() {
		UdpMulticast multicast = new UdpMulticast("239.255.42.99", "no-such-nic0", true, 1);
		assertThatExceptionOfType(UdpStartupException.class)
			.isThrownBy(() -> DatagramChannels.open(settings(null, 0, null, multicast)))
			.withMessage("UDP endpoint 'test': ipc.udp.endpoints.test.multicast.network-interface 'no-such-nic0'"
					+ " is not an interface of this host");
	}

	@Test
	void multicastWithoutInterfaceShouldPickAnUpNonLoopbackMulticastInterface() throws Exception {
		UdpMulticast multicast = new UdpMulticast("239.255.42.98", null, false, 3);
		NetworkInterface expected = firstMulticastInterface();
		if (expected == null) {
			assertThatExceptionOfType(UdpStartupException.class)
				.isThrownBy(() -> DatagramChannels.open(settings(null, 0, null, multicast)))
				.withMessage("UDP endpoint 'test': no interface that is up supports multicast;"
						+ " set ipc.udp.endpoints.test.multicast.network-interface");
			return;
		}
		try (DatagramChannel channel = DatagramChannels.open(settings(null, 0, null, multicast))) {
			assertThat(channel.getOption(StandardSocketOptions.IP_MULTICAST_IF)).isEqualTo(expected);
			assertThat(channel.getOption(StandardSocketOptions.IP_MULTICAST_LOOP)).isFalse();
			assertThat(channel.getOption(StandardSocketOptions.IP_MULTICAST_TTL)).isEqualTo(3);
			assertThat(channel.getOption(StandardSocketOptions.SO_REUSEADDR)).isTrue();
		}
	}

	private static @Nullable NetworkInterface firstMulticastInterface() throws SocketException {
		for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (nic.isUp() && nic.supportsMulticast() && !nic.isLoopback()) {
				return nic;
			}
		}
		return null;
	}

	private static UdpEndpointSettings settings(@Nullable String address, int port, @Nullable Integer receiveBufferSize,
			@Nullable UdpMulticast multicast) {
		return new UdpEndpointSettings("test", address, port, 512, receiveBufferSize, StandardCharsets.UTF_8, List.of(),
				1, 1, true, 0, multicast);
	}

}
