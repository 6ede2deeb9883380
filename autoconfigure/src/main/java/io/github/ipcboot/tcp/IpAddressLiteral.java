package io.github.ipcboot.tcp;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an IP address written as a literal, strictly and without ever looking a name up: IPv4 as
 * exactly four decimal octets of 0-255 without leading zeros ({@code 192.168.0.1}), IPv6 in the
 * text forms of RFC 4291 section 2.2 ({@code fe80::1}, {@code ::ffff:10.0.0.1}), without brackets
 * or a zone. Shorthands that other tools read differently ({@code 10.1}, {@code 010.0.0.1}) are
 * refused rather than guessed.
 */
final class IpAddressLiteral {

	private static final int IPV6_GROUPS = 8;

	private IpAddressLiteral() {
	}

	/**
	 * Read an address.
	 * @param text the literal
	 * @return its bytes: 4 for IPv4, 16 for IPv6
	 * @throws IllegalArgumentException if the text is not an IP address literal, with a message
	 * that says why (and leaves naming the text to the caller)
	 */
	static byte[] parse(String text) {
		if (text.indexOf(':') >= 0) {
			return parseIpv6(text);
		}
		if (!text.isEmpty() && text.chars().allMatch((c) -> c == '.' || isDigit(c))) {
			return parseIpv4(text);
		}
		throw invalid("host names are not looked up; write an IPv4 or IPv6 address");
	}

	/**
	 * Return whether the text looks like an IP address literal rather than a host name: it has a
	 * colon, or only digits and dots. Such text must {@link #parse(String) parse}.
	 * @param text the text
	 * @return whether it is meant as a literal
	 */
	static boolean looksLikeLiteral(String text) {
		return text.indexOf(':') >= 0 || text.chars().allMatch((c) -> c == '.' || isDigit(c));
	}

	private static byte[] parseIpv4(String text) {
		String[] octets = text.split("\\.", -1);
		if (octets.length != 4) {
			throw invalid("an IPv4 address needs exactly four decimal octets (a.b.c.d)");
		}
		byte[] bytes = new byte[4];
		for (int i = 0; i < 4; i++) {
			bytes[i] = (byte) octet(octets[i]);
		}
		return bytes;
	}

	private static int octet(String octet) {
		if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(IpAddressLiteral::isDigit)) {
			throw invalid("'" + octet + "' is not an octet of 0-255");
		}
		if (octet.length() > 1 && octet.charAt(0) == '0') {
			// some tools read a leading zero as octal: 010 would be 8 there and 10 here
			throw invalid("octet '" + octet + "' has a leading zero");
		}
		int value = Integer.parseInt(octet);
		if (value > 255) {
			throw invalid("octet " + value + " is over 255");
		}
		return value;
	}

	private static byte[] parseIpv6(String text) {
		if (text.indexOf('[') >= 0 || text.indexOf(']') >= 0) {
			throw invalid("write an IPv6 address without brackets");
		}
		if (text.indexOf('%') >= 0) {
			throw invalid("an IPv6 zone (%...) does not belong here");
		}
		int gap = text.indexOf("::");
		if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
			throw invalid("'::' may appear only once");
		}
		List<Integer> head = groups((gap < 0) ? text : text.substring(0, gap), gap < 0);
		List<Integer> tail = (gap < 0) ? List.of() : groups(text.substring(gap + 2), true);
		int count = head.size() + tail.size();
		if (gap < 0 && count != IPV6_GROUPS) {
			throw invalid("an IPv6 address needs 8 groups or '::', found " + count);
		}
		if (gap >= 0 && count > IPV6_GROUPS - 1) {
			throw invalid("too many groups for an IPv6 address with '::'");
		}
		byte[] bytes = new byte[16];
		for (int i = 0; i < head.size(); i++) {
			putGroup(bytes, i, head.get(i));
		}
		for (int i = 0; i < tail.size(); i++) {
			putGroup(bytes, IPV6_GROUPS - tail.size() + i, tail.get(i));
		}
		return bytes;
	}

	/**
	 * The 16-bit groups of one side of '::' (or of the whole address); a dotted IPv4 address may
	 * end the last side and counts as two groups.
	 */
	private static List<Integer> groups(String side, boolean last) {
		List<Integer> groups = new ArrayList<>();
		if (side.isEmpty()) {
			return groups;
		}
		String[] parts = side.split(":", -1);
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			if (last && i == parts.length - 1 && part.indexOf('.') >= 0) {
				byte[] ipv4 = parseIpv4(part);
				groups.add(((ipv4[0] & 0xFF) << 8) | (ipv4[1] & 0xFF));
				groups.add(((ipv4[2] & 0xFF) << 8) | (ipv4[3] & 0xFF));
			}
			else {
				groups.add(group(part));
			}
		}
		return groups;
	}

	private static int group(String group) {
		if (group.isEmpty() || group.length() > 4 || !group.chars().allMatch(IpAddressLiteral::isHexDigit)) {
			throw invalid("'" + group + "' is not a group of 1-4 hexadecimal digits");
		}
		return Integer.parseInt(group, 16);
	}

	private static void putGroup(byte[] bytes, int index, int group) {
		bytes[2 * index] = (byte) (group >>> 8);
		bytes[2 * index + 1] = (byte) group;
	}

	private static boolean isDigit(int c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isHexDigit(int c) {
		return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	private static IllegalArgumentException invalid(String reason) {
		// callers name the text; the message says what is wrong with it
		return new IllegalArgumentException(reason);
	}

}
