package io.github.ipcboot.udp.autoconfigure;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Properties of one UDP endpoint ({@code ipc.udp.endpoints.<name>.*}).
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public class UdpEndpointProperties {

	/**
	 * Port to receive on; 0 binds an ephemeral port.
	 */
	private @Nullable Integer port;

	/**
	 * Local address to bind, e.g. 127.0.0.1. All interfaces when not set (leave it unset to
	 * receive multicast).
	 */
	private @Nullable String address;

	/**
	 * Largest datagram handed to the listener; larger ones are dropped and counted, never
	 * truncated. At most 65507 bytes.
	 */
	private DataSize maxDatagramSize = DataSize.ofKilobytes(8);

	/**
	 * Receive buffer of the socket (SO_RCVBUF); the operating system's default when not set.
	 */
	private @Nullable DataSize receiveBufferSize;

	/**
	 * Charset of datagrams taken or returned as String.
	 */
	private Charset charset = StandardCharsets.UTF_8;

	/**
	 * Senders served, as IP addresses or CIDR ranges; datagrams from others are dropped and
	 * counted. Empty for all.
	 */
	private List<String> allowedClients = new ArrayList<>();

	/**
	 * Threads that run the listener method. The number of processors (at least 2) when not set.
	 */
	private @Nullable Integer handlerThreads;

	/**
	 * Most datagrams waiting for a handler thread; further ones are dropped and counted.
	 */
	private int queueCapacity = 1024;

	/**
	 * Replies to senders.
	 */
	private final Reply reply = new Reply();

	/**
	 * Multicast group membership.
	 */
	private final Multicast multicast = new Multicast();

	public @Nullable Integer getPort() {
		return this.port;
	}

	public void setPort(@Nullable Integer port) {
		this.port = port;
	}

	public @Nullable String getAddress() {
		return this.address;
	}

	public void setAddress(@Nullable String address) {
		this.address = address;
	}

	public DataSize getMaxDatagramSize() {
		return this.maxDatagramSize;
	}

	public void setMaxDatagramSize(DataSize maxDatagramSize) {
		this.maxDatagramSize = maxDatagramSize;
	}

	public @Nullable DataSize getReceiveBufferSize() {
		return this.receiveBufferSize;
	}

	public void setReceiveBufferSize(@Nullable DataSize receiveBufferSize) {
		this.receiveBufferSize = receiveBufferSize;
	}

	public Charset getCharset() {
		return this.charset;
	}

	public void setCharset(Charset charset) {
		this.charset = charset;
	}

	public List<String> getAllowedClients() {
		return this.allowedClients;
	}

	public void setAllowedClients(List<String> allowedClients) {
		this.allowedClients = allowedClients;
	}

	public @Nullable Integer getHandlerThreads() {
		return this.handlerThreads;
	}

	public void setHandlerThreads(@Nullable Integer handlerThreads) {
		this.handlerThreads = handlerThreads;
	}

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		this.queueCapacity = queueCapacity;
	}

	public Reply getReply() {
		return this.reply;
	}

	public Multicast getMulticast() {
		return this.multicast;
	}

	/**
	 * Replies of the listener method to the sender.
	 */
	public static class Reply {

		/**
		 * Whether a listener's non-null return value is sent back to the sender.
		 */
		private boolean enabled = true;

		/**
		 * Largest reply as a multiple of its request's size, against amplification through
		 * spoofed senders; larger replies are dropped and counted. No ratio cap when not set.
		 */
		private @Nullable Double maxRatio;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Double getMaxRatio() {
			return this.maxRatio;
		}

		public void setMaxRatio(@Nullable Double maxRatio) {
			this.maxRatio = maxRatio;
		}

	}

	/**
	 * Multicast group membership of an endpoint.
	 */
	public static class Multicast {

		/**
		 * Multicast group to join, e.g. 239.1.2.3; none when not set.
		 */
		private @Nullable String group;

		/**
		 * Name of the network interface to join the group on, e.g. eth0 or lo. The first
		 * interface that is up, not loopback and supports multicast when not set.
		 */
		private @Nullable String networkInterface;

		/**
		 * Whether datagrams sent to the group from this host are delivered to this host too.
		 */
		private boolean loopback = true;

		/**
		 * Time to live of the datagrams sent to the group (1 keeps them on the local network).
		 */
		private int timeToLive = 1;

		public @Nullable String getGroup() {
			return this.group;
		}

		public void setGroup(@Nullable String group) {
			this.group = group;
		}

		public @Nullable String getNetworkInterface() {
			return this.networkInterface;
		}

		public void setNetworkInterface(@Nullable String networkInterface) {
			this.networkInterface = networkInterface;
		}

		public boolean isLoopback() {
			return this.loopback;
		}

		public void setLoopback(boolean loopback) {
			this.loopback = loopback;
		}

		public int getTimeToLive() {
			return this.timeToLive;
		}

		public void setTimeToLive(int timeToLive) {
			this.timeToLive = timeToLive;
		}

	}

}
