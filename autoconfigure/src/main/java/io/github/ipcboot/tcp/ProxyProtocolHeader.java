package io.github.ipcboot.tcp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Reads the PROXY protocol header (version 1, text, or version 2, binary, as HAProxy, AWS NLB and
 * Envoy send it) that a proxy writes before the first byte of the client's data, and returns the
 * client's real address. It reads exactly the header's bytes, never beyond: what follows (a TLS
 * handshake, the first frame) stays in the stream.
 * <p>
 * {@link #missing} tells how many more bytes a header begun needs at least, so that a reader that
 * cannot put bytes back (a NIO read, a TLS layer that reads the socket next) never takes a byte
 * beyond it; {@link ProxyHeaderReading} reads headers that way for the servers.
 */
final class ProxyProtocolHeader {

	/** The longest version 1 header the specification allows, its CRLF included. */
	static final int V1_MAX_LENGTH = 107;

	/** The signature that starts every version 2 header. */
	private static final byte[] V2_SIGNATURE = { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54,
			0x0A };

	private static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);

	private static final int V2_FIXED_LENGTH = TcpProxyProtocol.V2_FIXED_LENGTH;

	/** The shortest version 1 header: {@code PROXY UNKNOWN} and CRLF. */
	private static final int V1_MIN_LENGTH = 15;

	private ProxyProtocolHeader() {
	}

	/**
	 * Read a header from the start of a connection's stream.
	 * @param in the stream, at its first byte
	 * @param maxV2Length the most bytes a version 2 header may announce after its fixed 16 (the
	 * addresses take at most 216; the rest are TLVs)
	 * @return the client's address, or {@code null} when the proxy speaks for itself (version 1
	 * {@code UNKNOWN}, version 2 {@code LOCAL}, or an address family other than IPv4 and IPv6):
	 * the connection's own peer address then stands
	 * @throws ProxyProtocolException if the stream does not start with a valid header
	 * @throws IOException if reading fails or the stream ends inside the header
	 */
	static @Nullable InetSocketAddress read(InputStream in, int maxV2Length) throws IOException {
		int first = readByte(in);
		if (first == V1_PREFIX[0]) {
			return readV1(in);
		}
		if (first == V2_SIGNATURE[0]) {
			return readV2(in, maxV2Length);
		}
		throw notAHeader(first);
	}

	/**
	 * Return how many more bytes the header that the given bytes begin needs at least: never more
	 * than the rest of any valid header, so that reading that many never reads past its end.
	 * Bytes that cannot begin a valid header fail at once, not after a timeout.
	 * @param bytes the bytes read so far
	 * @param length how many of them
	 * @param maxV2Length the most bytes a version 2 header may announce after its fixed 16
	 * @return the bytes still needed; 0 when the header is complete
	 * @throws ProxyProtocolException if the bytes cannot begin a valid header, or a version 1
	 * header has no CRLF within {@value #V1_MAX_LENGTH} bytes, or a version 2 header announces
	 * more than the limit
	 */
	static int missing(byte[] bytes, int length, int maxV2Length) throws ProxyProtocolException {
		if (length == 0) {
			return V1_MIN_LENGTH;
		}
		if (bytes[0] == V1_PREFIX[0]) {
			checkPrefix(bytes, length, V1_PREFIX, "PROXY protocol v1 header does not start with 'PROXY '");
			for (int i = 0; i < length - 1; i++) {
				if (bytes[i] == '\n') {
					throw new ProxyProtocolException("PROXY protocol v1 header has a line feed at byte " + i
							+ " before its CRLF");
				}
			}
			if (length >= 2 && bytes[length - 2] == '\r' && bytes[length - 1] == '\n') {
				return 0;
			}
			if (length >= V1_MAX_LENGTH) {
				throw new ProxyProtocolException(
						"PROXY protocol v1 header has no CRLF within " + V1_MAX_LENGTH + " bytes");
			}
			// the shortest header is 'PROXY UNKNOWN' and CRLF; else the CRLF may end it next
			return Math.max(V1_MIN_LENGTH - length, (bytes[length - 1] == '\r') ? 1 : 2);
		}
		if (bytes[0] == V2_SIGNATURE[0]) {
			checkPrefix(bytes, length, V2_SIGNATURE, "PROXY protocol v2 signature does not match");
			if (length < V2_FIXED_LENGTH) {
				return V2_FIXED_LENGTH - length;
			}
			int announced = ((bytes[14] & 0xFF) << 8) | (bytes[15] & 0xFF);
			if (announced > maxV2Length) {
				throw new ProxyProtocolException("PROXY protocol v2 header announces " + announced
						+ " bytes after its first 16, over the limit of " + maxV2Length);
			}
			return V2_FIXED_LENGTH + announced - length;
		}
		throw notAHeader(bytes[0] & 0xFF);
	}

	private static void checkPrefix(byte[] bytes, int length, byte[] prefix, String message)
			throws ProxyProtocolException {
		int checked = Math.min(length, prefix.length);
		if (!Arrays.equals(bytes, 0, checked, prefix, 0, checked)) {
			throw new ProxyProtocolException(message);
		}
	}

	private static ProxyProtocolException notAHeader(int first) {
		return new ProxyProtocolException("the connection does not start with a PROXY protocol header (first byte 0x"
				+ Integer.toHexString(first) + ")");
	}

	private static @Nullable InetSocketAddress readV1(InputStream in) throws IOException {
		byte[] line = new byte[V1_MAX_LENGTH];
		line[0] = V1_PREFIX[0];
		int length = 1;
		while (length < 2 || line[length - 2] != '\r' || line[length - 1] != '\n') {
			if (length == V1_MAX_LENGTH) {
				throw new ProxyProtocolException(
						"PROXY protocol v1 header has no CRLF within " + V1_MAX_LENGTH + " bytes");
			}
			line[length++] = (byte) readByte(in);
		}
		String text = new String(line, 0, length - 2, StandardCharsets.US_ASCII);
		if (!text.startsWith("PROXY ")) {
			throw new ProxyProtocolException("PROXY protocol v1 header does not start with 'PROXY '");
		}
		String[] fields = text.split(" ", -1);
		if (fields.length >= 2 && fields[1].equals("UNKNOWN")) {
			return null;
		}
		if (fields.length != 6 || !(fields[1].equals("TCP4") || fields[1].equals("TCP6"))) {
			throw new ProxyProtocolException("PROXY protocol v1 header needs 'PROXY TCP4|TCP6 <source> "
					+ "<destination> <source port> <destination port>', got " + fields.length + " fields");
		}
		byte[] source;
		try {
			source = IpAddressLiteral.parse(fields[2]);
			IpAddressLiteral.parse(fields[3]);
		}
		catch (IllegalArgumentException ex) {
			// the message quotes the peer's bytes: no control characters into the logs
			throw new ProxyProtocolException(
					"PROXY protocol v1 header has an invalid address: " + printable(String.valueOf(ex.getMessage())));
		}
		if (source.length != (fields[1].equals("TCP4") ? 4 : 16)) {
			throw new ProxyProtocolException("PROXY protocol v1 header's " + fields[1] + " source address has "
					+ source.length + " bytes");
		}
		int port = port(fields[4]);
		port(fields[5]);
		return new InetSocketAddress(InetAddress.getByAddress(source), port);
	}

	private static int port(String text) throws ProxyProtocolException {
		if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)
				|| (text.length() > 1 && text.charAt(0) == '0')) {
			throw new ProxyProtocolException("PROXY protocol v1 header has an invalid port");
		}
		int port = Integer.parseInt(text);
		if (port > 65535) {
			throw new ProxyProtocolException("PROXY protocol v1 header has port " + port + " (max 65535)");
		}
		return port;
	}

	private static @Nullable InetSocketAddress readV2(InputStream in, int maxV2Length) throws IOException {
		byte[] fixed = new byte[V2_FIXED_LENGTH];
		fixed[0] = V2_SIGNATURE[0];
		readFully(in, fixed, 1, V2_FIXED_LENGTH - 1);
		if (!Arrays.equals(fixed, 0, V2_SIGNATURE.length, V2_SIGNATURE, 0, V2_SIGNATURE.length)) {
			throw new ProxyProtocolException("PROXY protocol v2 signature does not match");
		}
		int version = (fixed[12] & 0xF0) >> 4;
		int command = fixed[12] & 0x0F;
		if (version != 2 || command > 1) {
			throw new ProxyProtocolException(
					"PROXY protocol v2 header has version " + version + " and command " + command);
		}
		int family = (fixed[13] & 0xF0) >> 4;
		int length = ((fixed[14] & 0xFF) << 8) | (fixed[15] & 0xFF);
		if (length > maxV2Length) {
			throw new ProxyProtocolException("PROXY protocol v2 header announces " + length
					+ " bytes after its first 16, over the limit of " + maxV2Length);
		}
		byte[] rest = new byte[length];
		readFully(in, rest, 0, length);
		if (command == 0) {
			// LOCAL: the proxy's own connection, e.g. a health check
			return null;
		}
		int addressLength = switch (family) {
			case 1 -> 4;
			case 2 -> 16;
			default -> 0;
		};
		if (addressLength == 0) {
			// UNSPEC or UNIX: no IP address to stand for the client
			return null;
		}
		if (length < 2 * addressLength + 4) {
			throw new ProxyProtocolException("PROXY protocol v2 header of family " + family + " has " + length
					+ " bytes of addresses, needs " + (2 * addressLength + 4));
		}
		byte[] source = Arrays.copyOfRange(rest, 0, addressLength);
		int port = ((rest[2 * addressLength] & 0xFF) << 8) | (rest[2 * addressLength + 1] & 0xFF);
		try {
			return new InetSocketAddress(InetAddress.getByAddress(source), port);
		}
		catch (UnknownHostException ex) {
			throw new ProxyProtocolException("PROXY protocol v2 header has an invalid address");
		}
	}

	private static int readByte(InputStream in) throws IOException {
		int value = in.read();
		if (value < 0) {
			throw new EOFException("the connection ended inside the PROXY protocol header");
		}
		return value;
	}

	private static void readFully(InputStream in, byte[] buffer, int offset, int length) throws IOException {
		int done = 0;
		while (done < length) {
			int count = in.read(buffer, offset + done, length - done);
			if (count < 0) {
				throw new EOFException("the connection ended inside the PROXY protocol header");
			}
			done += count;
		}
	}

	static String printable(String text) {
		StringBuilder printable = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			printable.append((c < 0x20 || c >= 0x7f) ? '?' : c);
		}
		return printable.toString();
	}

	/**
	 * The stream does not start with a valid PROXY protocol header.
	 */
	static final class ProxyProtocolException extends IOException {

		private static final long serialVersionUID = 1L;

		ProxyProtocolException(String message) {
			super(message);
		}

	}

}
