package io.github.ipcboot.tcp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.ipcboot.autoconfigure.IpcStartupException;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code fe80::/10}); a bare
 * address is a range of one.
 * <p>
 * Parsing is strict and never looks a name up: an IPv4 address has exactly four decimal octets
 * ({@code 192.168/16} and {@code 10/8} are refused, not read as {@code 192.0.0.168/16} and
 * {@code 0.0.0.10/8}), and the address must be the first of its range: {@code 10.1.2.3/8} is
 * refused, since a typo in a prefix length must not widen or move an allow-list silently.
 * IPv4 and IPv6 ranges never match each other's addresses, except that an IPv4-mapped IPv6 range
 * with a prefix of 96 or more ({@code ::ffff:10.0.0.0/104}) is the IPv4 range it maps
 * ({@code 10.0.0.0/8}), as Java reports a client with an IPv4-mapped address as an IPv4 client.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public final class CidrRange {

	/** The bits of an IPv6 address before an IPv4 address it maps. */
	private static final int MAPPED_PREFIX = 96;

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
	 * @param text e.g. {@code 192.168.0.0/16}, {@code 127.0.0.1}, {@code ::1/128} or
	 * {@code fd00::/8}; leading and trailing blanks are ignored
	 * @return the range
	 * @throws IllegalArgumentException if the text is not a literal address with an optional
	 * prefix length that fits it, or has bits set after the prefix
	 */
	public static CidrRange parse(String text) {
		String trimmed = text.trim();
		int slash = trimmed.indexOf('/');
		byte[] address;
		try {
			address = IpAddressLiteral.parse((slash < 0) ? trimmed : trimmed.substring(0, slash));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"'" + trimmed + "' is not an IP address or CIDR range: " + ex.getMessage(), ex);
		}
		int bits = address.length * 8;
		int prefix = (slash < 0) ? bits : prefixLength(trimmed.substring(slash + 1), bits, trimmed);
		if (isIpv4Mapped(address) && prefix >= MAPPED_PREFIX) {
			address = ipv4Of(address);
			prefix -= MAPPED_PREFIX;
		}
		byte[] network = mask(address, prefix);
		if (!Arrays.equals(network, address)) {
			throw new IllegalArgumentException("'" + trimmed + "' has bits set after its " + prefix
					+ "-bit prefix; the range is written " + describe(network) + "/" + prefix);
		}
		return new CidrRange(address, prefix, trimmed);
	}

	/**
	 * Parse the ranges of an allow-list property.
	 * @param property the property, e.g. {@code ipc.tcp.servers.orders.allowed-clients}
	 * @param values the texts, each as {@link #parse(String)} takes it
	 * @return the ranges, in the same order
	 * @throws IllegalStateException naming the property and index of the first bad value
	 * @since 0.2.0
	 */
	public static List<CidrRange> parseAll(String property, List<String> values) {
		List<CidrRange> ranges = new ArrayList<>(values.size());
		for (int i = 0; i < values.size(); i++) {
			try {
				ranges.add(parse(values.get(i)));
			}
			catch (IllegalArgumentException ex) {
				throw new IpcStartupException("Invalid configuration of " + property + "[" + i + "]: " + ex.getMessage(),
						property + "[" + i + "]", values.get(i),
						"Give an address range in CIDR notation (10.0.0.0/8, fd00::/8) or a single IP address.", ex);
			}
		}
		return ranges;
	}

	private static int prefixLength(String digits, int bits, String text) {
		if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			throw new IllegalArgumentException(
					"'" + text + "' needs a prefix length of 0-" + bits + " after the '/', found '" + digits + "'");
		}
		int prefix = Integer.parseInt(digits);
		if (prefix > bits) {
			throw new IllegalArgumentException(
					"'" + text + "' has a prefix length outside 0-" + bits + " for its address");
		}
		return prefix;
	}

	private static boolean isIpv4Mapped(byte[] address) {
		if (address.length != 16) {
			return false;
		}
		for (int i = 0; i < 10; i++) {
			if (address[i] != 0) {
				return false;
			}
		}
		return address[10] == (byte) 0xFF && address[11] == (byte) 0xFF;
	}

	private static byte[] ipv4Of(byte[] mapped) {
		return new byte[] { mapped[12], mapped[13], mapped[14], mapped[15] };
	}

	private static byte[] mask(byte[] address, int prefix) {
		byte[] masked = address.clone();
		for (int bit = prefix; bit < masked.length * 8; bit++) {
			masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
		}
		return masked;
	}

	private static String describe(byte[] address) {
		try {
			// from bytes: no look-up
			return InetAddress.getByAddress(address).getHostAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return whether the address lies in this range. IPv4 and IPv6 addresses never match each
	 * other's ranges; an IPv4-mapped IPv6 address counts as the IPv4 address it maps.
	 * @param address the address
	 * @return whether it is in the range
	 */
	public boolean contains(InetAddress address) {
		byte[] candidate = address.getAddress();
		if (isIpv4Mapped(candidate)) {
			candidate = ipv4Of(candidate);
		}
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

	/**
	 * Return whether an allow-list admits an address.
	 * @param ranges the ranges of the list; an empty list admits every address
	 * @param address the address
	 * @return whether the list is empty or a range of it contains the address
	 * @since 0.2.0
	 */
	public static boolean allows(List<CidrRange> ranges, InetAddress address) {
		if (ranges.isEmpty()) {
			return true;
		}
		for (CidrRange range : ranges) {
			if (range.contains(address)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return this.text;
	}

}
