package io.github.ipcboot.tcp.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * Hand-built PROXY protocol headers, as a load balancer writes them before the client's bytes.
 */
final class ProxyHeaders {

	static final byte[] V2_SIGNATURE = { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A };

	private ProxyHeaders() {
	}

	/**
	 * A version 1 header for a TCP4 client.
	 */
	static byte[] v1(String client, int clientPort, int serverPort) {
		return ("PROXY TCP4 " + client + " 127.0.0.1 " + clientPort + " " + serverPort + "\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * A version 2 PROXY command over TCP for an IPv4 or IPv6 client, followed by TLVs.
	 * @param client the client's address literal
	 * @param clientPort the client's port
	 * @param serverPort the destination port
	 * @param tlvs type-length-value bytes that follow the addresses (may be empty)
	 */
	static byte[] v2(String client, int clientPort, int serverPort, byte[] tlvs) {
		byte[] source = address(client);
		byte[] destination = new byte[source.length];
		destination[source.length - 1] = 1;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(V2_SIGNATURE);
		out.write(0x21);
		out.write((source.length == 4) ? 0x11 : 0x21);
		int length = 2 * source.length + 4 + tlvs.length;
		out.write(length >> 8);
		out.write(length & 0xFF);
		out.writeBytes(source);
		out.writeBytes(destination);
		out.write(clientPort >> 8);
		out.write(clientPort & 0xFF);
		out.write(serverPort >> 8);
		out.write(serverPort & 0xFF);
		out.writeBytes(tlvs);
		return out.toByteArray();
	}

	/**
	 * A version 2 LOCAL command (a balancer's own health check), without addresses.
	 */
	static byte[] v2Local() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(V2_SIGNATURE);
		out.write(0x20);
		out.write(0x00);
		out.write(0);
		out.write(0);
		return out.toByteArray();
	}

	/**
	 * A TLV: type, 16-bit length, value.
	 */
	static byte[] tlv(int type, String value) {
		byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(type);
		out.write(bytes.length >> 8);
		out.write(bytes.length & 0xFF);
		out.writeBytes(bytes);
		return out.toByteArray();
	}

	/**
	 * Bytes one after the other, e.g. a header and the first frame for one write.
	 */
	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static byte[] address(String literal) {
		try {
			return InetAddress.getByName(literal).getAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
