package io.github.ipcboot.udp;

import java.nio.charset.Charset;
import java.util.List;

import io.github.ipcboot.tcp.CidrRange;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one UDP endpoint.
 *
 * @param name the configured name
 * @param address the local address to bind, or {@code null} for all interfaces
 * @param port the port, 0 for an ephemeral one
 * @param maxDatagramSize the largest datagram handed to the listener; larger ones are dropped
 * @param receiveBufferSize the socket's receive buffer ({@code SO_RCVBUF}) in bytes, or
 * {@code null} for the operating system's default
 * @param charset the charset of datagrams taken or returned as {@code String}
 * @param allowedClients the senders served; empty for all
 * @param handlerThreads the threads that run the listener
 * @param queueCapacity the datagrams that may wait for a handler thread; more are dropped
 * @param replies whether a listener's return value is sent back
 * @param maxReplyRatio the largest reply as a multiple of its request's size, or 0 for no
 * ratio cap (a reply is never more than {@link #MAX_UDP_PAYLOAD} bytes)
 * @param multicast the multicast group to join, or {@code null}
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public record UdpEndpointSettings(String name, @Nullable String address, int port, int maxDatagramSize,
		@Nullable Integer receiveBufferSize, Charset charset, List<CidrRange> allowedClients, int handlerThreads,
		int queueCapacity, boolean replies, double maxReplyRatio, @Nullable UdpMulticast multicast) {

	/** The largest payload of a UDP datagram over IPv4. */
	public static final int MAX_UDP_PAYLOAD = 65_507;

	/**
	 * Check the values.
	 */
	public UdpEndpointSettings {
		if (port < 0 || port > 65_535) {
			throw new IllegalArgumentException("port must be 0-65535, was " + port);
		}
		if (maxDatagramSize < 1 || maxDatagramSize > MAX_UDP_PAYLOAD) {
			throw new IllegalArgumentException(
					"max-datagram-size must be 1-" + MAX_UDP_PAYLOAD + " bytes, was " + maxDatagramSize);
		}
		if (handlerThreads < 1 || queueCapacity < 1) {
			throw new IllegalArgumentException("handler-threads and queue-capacity must be at least 1, were "
					+ handlerThreads + " and " + queueCapacity);
		}
		if (!(maxReplyRatio >= 0)) {
			// NaN too: it would cap every reply at 0 bytes
			throw new IllegalArgumentException("max-reply-ratio must be a number not below 0, was " + maxReplyRatio);
		}
		allowedClients = List.copyOf(allowedClients);
	}

	/**
	 * Return the size of the largest reply to a request of the given size.
	 * @param requestSize the request's size in bytes
	 * @return the most bytes a reply may have
	 */
	public int maxReplySize(int requestSize) {
		if (this.maxReplyRatio == 0) {
			return MAX_UDP_PAYLOAD;
		}
		return (int) Math.min(MAX_UDP_PAYLOAD, Math.floor(requestSize * this.maxReplyRatio));
	}

}
