package io.github.ipcboot.tcp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * PROXY protocol settings of a TCP server behind a load balancer (HAProxy, AWS NLB, Envoy): every
 * connection starts with a version 1 or 2 header that names the client, and from then on the
 * client's address is what {@code allowed-clients}, {@code max-connections-per-client},
 * {@link TcpSession#remoteAddress()}, the endpoint and the logs see.
 *
 * @param trustedProxies the address ranges of the balancers that may connect (a connection from
 * elsewhere is refused before a byte is read); empty to trust every peer, which is safe only on a
 * network that nothing but the balancer reaches
 * @param headerTimeout how long the whole header may take to arrive once the connection is
 * accepted
 * @param maxHeaderSize the longest version 2 header accepted, its TLVs included (a version 1
 * header is at most 107 bytes by the specification)
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public record TcpProxyProtocol(List<CidrRange> trustedProxies, Duration headerTimeout, int maxHeaderSize) {

	/** Header timeout when none is configured. */
	public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(5);

	/** Largest version 2 header when none is configured: the addresses and a few TLVs. */
	public static final int DEFAULT_MAX_HEADER_SIZE = 1024;

	/** The fixed part of a version 2 header, before its addresses and TLVs. */
	static final int V2_FIXED_LENGTH = 16;

	/** The smallest cap: the fixed part and the longest address block (two Unix socket paths). */
	static final int MIN_HEADER_SIZE = V2_FIXED_LENGTH + 216;

	/** The longest header a version 2 length field can announce. */
	static final int MAX_HEADER_SIZE = V2_FIXED_LENGTH + 65535;

	/**
	 * Validate and copy the settings.
	 */
	public TcpProxyProtocol {
		if (headerTimeout.isZero() || headerTimeout.isNegative()) {
			throw new IllegalArgumentException("proxy-protocol.header-timeout must be positive, got " + headerTimeout);
		}
		if (maxHeaderSize < MIN_HEADER_SIZE || maxHeaderSize > MAX_HEADER_SIZE) {
			throw new IllegalArgumentException("proxy-protocol.max-header-size must be " + MIN_HEADER_SIZE + " to "
					+ MAX_HEADER_SIZE + " bytes, got " + maxHeaderSize);
		}
		trustedProxies = List.copyOf(trustedProxies);
	}

	/**
	 * Return whether a peer may send the header.
	 * @param peer the address the connection comes from
	 * @return whether it is in the trusted ranges, or every peer is trusted
	 */
	public boolean trusts(InetAddress peer) {
		return CidrRange.allows(this.trustedProxies, peer);
	}

	/**
	 * Return the most bytes a version 2 header may announce after its fixed 16.
	 */
	int maxV2Length() {
		return this.maxHeaderSize - V2_FIXED_LENGTH;
	}

}
