package io.github.ipcboot.udp;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ProtocolFamily;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.util.Enumeration;

import org.jspecify.annotations.Nullable;

/**
 * Opens and binds the channel of an endpoint, joining its multicast group if it has one, and turns
 * every failure into a {@link UdpStartupException} that names the setting at fault.
 */
final class DatagramChannels {

	private DatagramChannels() {
	}

	static DatagramChannel open(UdpEndpointSettings settings) {
		String prefix = "ipc.udp.endpoints." + settings.name();
		UdpMulticast multicast = settings.multicast();
		InetAddress group = (multicast != null) ? resolve(multicast.group(), prefix + ".multicast.group") : null;
		if (group != null && !group.isMulticastAddress()) {
			throw new UdpStartupException("UDP endpoint '" + settings.name() + "': " + prefix + ".multicast.group '"
					+ multicast.group() + "' is not a multicast address (224.0.0.0/4 or ff00::/8)", null);
		}
		InetAddress address = (settings.address() != null) ? resolve(settings.address(), prefix + ".address") : null;
		InetSocketAddress local = (address != null) ? new InetSocketAddress(address, settings.port())
				: new InetSocketAddress(settings.port());
		DatagramChannel channel = null;
		try {
			channel = (group != null) ? DatagramChannel.open(family(group)) : DatagramChannel.open();
			if (settings.receiveBufferSize() != null) {
				channel.setOption(StandardSocketOptions.SO_RCVBUF, settings.receiveBufferSize());
			}
			if (group != null) {
				// several members of a group on one host share its port
				channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			}
			channel.bind(local);
			if (group != null) {
				join(channel, group, multicast, settings.name(), prefix);
			}
			return channel;
		}
		catch (IOException ex) {
			close(channel);
			String where = ((address != null) ? settings.address() : "all interfaces") + ":" + settings.port();
			String hint = (ex instanceof BindException) ? " (is the port in use, or the address not this host's?)" : "";
			throw new UdpStartupException(
					"UDP endpoint '" + settings.name() + "' could not bind " + where + hint + ": " + ex.getMessage(), ex);
		}
		catch (UdpStartupException | UnsupportedOperationException ex) {
			close(channel);
			throw ex;
		}
	}

	private static void join(DatagramChannel channel, InetAddress group, UdpMulticast multicast, String name,
			String prefix) throws IOException {
		NetworkInterface nic = networkInterface(multicast.networkInterface(), name, prefix);
		channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, nic);
		channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, multicast.loopback());
		channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, multicast.timeToLive());
		try {
			channel.join(group, nic);
		}
		catch (IOException ex) {
			throw new UdpStartupException("UDP endpoint '" + name + "' could not join multicast group "
					+ multicast.group() + " on interface " + nic.getName() + ": " + ex.getMessage(), ex);
		}
	}

	private static NetworkInterface networkInterface(@Nullable String interfaceName, String name, String prefix)
			throws SocketException {
		if (interfaceName != null) {
			NetworkInterface nic = NetworkInterface.getByName(interfaceName);
			if (nic == null) {
				throw new UdpStartupException("UDP endpoint '" + name + "': " + prefix + ".multicast.network-interface '"
						+ interfaceName + "' is not an interface of this host", null);
			}
			return nic;
		}
		Enumeration<NetworkInterface> all = NetworkInterface.getNetworkInterfaces();
		while (all != null && all.hasMoreElements()) {
			NetworkInterface nic = all.nextElement();
			if (nic.isUp() && nic.supportsMulticast() && !nic.isLoopback()) {
				return nic;
			}
		}
		throw new UdpStartupException("UDP endpoint '" + name + "': no interface that is up supports multicast; set "
				+ prefix + ".multicast.network-interface", null);
	}

	private static ProtocolFamily family(InetAddress group) {
		return (group.getAddress().length == 4) ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
	}

	private static InetAddress resolve(String host, String property) {
		try {
			return InetAddress.getByName(host);
		}
		catch (UnknownHostException ex) {
			throw new UdpStartupException(property + " '" + host + "' does not resolve: " + ex.getMessage(), ex);
		}
	}

	private static void close(@Nullable DatagramChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// the start-up failure is what matters
			}
		}
	}

}
