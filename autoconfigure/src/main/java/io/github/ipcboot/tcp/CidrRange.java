package io.github.ipcboot.tcp;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}); a bare
 * address is a range of one.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public final class CidrRange {

	private final byte[] network;

	private final int prefixLength;

	private final String text;

	private CidrRange(byte[] network, int prefixLength, String text) {
		this.network = network;
		this.prefixLength = prefixLength;
		this.text = text;
	}

	/**
	 * Parse a range. Only literal addresses are accepted, never host names (no DNS look-up).
	 * @param text e.g. {@code 192.168.0.0/16}, {@code 127.0.0.1} or {@code fd00::/8}
	 * @return the range
	 * @throws IllegalArgumentException if the text is not a literal address with an optional
	 * prefix length that fits it
	 */
	public static CidrRange parse(String text) {
		String trimmed = text.trim();
		int slash = trimmed.indexOf('/');
		String address = (slash < 0) ? trimmed : trimmed.substring(0, slash);
		if (!address.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
			throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range");
		}
		byte[] bytes;
		try {
			bytes = InetAddress.getByName(address).getAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range", ex);
		}
		int bits = bytes.length * 8;
		int prefix = bits;
		if (slash >= 0) {
			try {
				prefix = Integer.parseInt(trimmed.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				prefix = -1;
			}
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException(
						"'" + text + "' has a prefix length outside 0-" + bits + " for its address");
			}
		}
		return new CidrRange(bytes, prefix, trimmed);
	}

	/**
	 * Return whether the address lies in this range. IPv4 and IPv6 addresses never match each
	 * other's ranges.
	 * @param address the address
	 * @return whether it is in the range
	 */
	public boolean contains(InetAddress address) {
		byte[] candidate = address.getAddress();
		if (candidate.length != this.network.length) {
			return false;
		}
		int fullBytes = this.prefixLength / 8;
		for (int i = 0; i < fullBytes; i++) {
			if (candidate[i] != this.network[i]) {
				return false;
			}
		}
		int rest = this.prefixLength % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xFF << (8 - rest)) & 0xFF;
		return (candidate[fullBytes] & mask) == (this.network[fullBytes] & mask);
	}

	@Override
	public String toString() {
		return this.text;
	}

}
