package io.github.ipcboot.udp;

import java.nio.charset.Charset;
import java.time.Duration;

/**
 * The settings of one UDP client.
 *
 * @param name the configured name
 * @param host the host of the server
 * @param port the port of the server
 * @param replyTimeout how long one attempt of a request waits for its reply
 * @param retries how many times a request is sent again when no reply came in time
 * @param maxDatagramSize the largest reply accepted; larger ones are dropped
 * @param charset the charset of datagrams sent or taken as {@code String}
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public record UdpClientSettings(String name, String host, int port, Duration replyTimeout, int retries,
		int maxDatagramSize, Charset charset) {

	/**
	 * Check the values.
	 */
	public UdpClientSettings {
		if (port < 1 || port > 65_535) {
			throw new IllegalArgumentException("port must be 1-65535, was " + port);
		}
		if (replyTimeout.isNegative() || replyTimeout.isZero()) {
			throw new IllegalArgumentException("reply-timeout must be positive, was " + replyTimeout);
		}
		if (retries < 0) {
			throw new IllegalArgumentException("retries must not be negative, was " + retries);
		}
		if (maxDatagramSize < 1 || maxDatagramSize > UdpEndpointSettings.MAX_UDP_PAYLOAD) {
			throw new IllegalArgumentException("max-datagram-size must be 1-" + UdpEndpointSettings.MAX_UDP_PAYLOAD
					+ " bytes, was " + maxDatagramSize);
		}
	}

}
