package io.github.ipcboot.tcp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import io.github.ipcboot.tcp.ProxyProtocolHeader.ProxyProtocolException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ProxyProtocolHeader} with hand-built version 1 and version 2 headers, each
 * followed by the client's first bytes, which must stay in the stream.
 */
class ProxyProtocolHeaderTests {

	private static final byte[] SIGNATURE = { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A };

	@Test
	void v1Tcp4HeaderShouldGiveTheSourceAndLeaveTheDataInTheStream() throws Exception {
		ByteArrayInputStream in = stream("PROXY TCP4 203.0.113.7 10.0.0.1 51234 7000\r\nhello\n");
		assertThat(ProxyProtocolHeader.read(in, 512))
			.isEqualTo(new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 51234));
		assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("hello\n");
	}

	@Test
	void v1Tcp6AndUnknownHeadersShouldBeRead() throws Exception {
		assertThat(ProxyProtocolHeader.read(stream("PROXY TCP6 2001:db8::7 2001:db8::1 443 7000\r\n"), 512))
			.isEqualTo(new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 443));
		assertThat(ProxyProtocolHeader.read(stream("PROXY UNKNOWN\r\nx"), 512)).isNull();
	}

	@Test
	void malformedV1HeadersShouldBeRefusedSayingWhy() {
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> ProxyProtocolHeader.read(stream("PROXY TCP4 " + "1".repeat(120) + "\r\n"), 512))
			.withMessage("PROXY protocol v1 header has no CRLF within 107 bytes");
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> ProxyProtocolHeader.read(stream("PROXY TCP4 example.com 10.0.0.1 1 2\r\n"), 512))
			.withMessageStartingWith("PROXY protocol v1 header has an invalid address");
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> ProxyProtocolHeader.read(stream("PROXY TCP4 10.0.0.9 10.0.0.1 70000 2\r\n"), 512))
			.withMessage("PROXY protocol v1 header has port 70000 (max 65535)");
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> ProxyProtocolHeader.read(stream("PROXY TCP6 10.0.0.9 10.0.0.1 1 2\r\n"), 512))
			.withMessage("PROXY protocol v1 header's TCP6 source address has 4 bytes");
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> ProxyProtocolHeader.read(stream("GET / HTTP/1.1\r\n"), 512))
			.withMessage("the connection does not start with a PROXY protocol header (first byte 0x47)");
	}

	@Test
	void controlCharactersOfAnInvalidAddressShouldNotReachTheMessage() {
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> ProxyProtocolHeader.read(stream("PROXY TCP6 a:\u001bQ\u0007::1 ::1 1 2\r\n"), 512))
			.withMessageStartingWith("PROXY protocol v1 header has an invalid address")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\u001b", "\u0007").contains("'?Q?'"));
	}

	@Test
	void v2Ipv4AndIpv6HeadersShouldGiveTheSourceAndSkipTlvs() throws Exception {
		ByteArrayInputStream in = new ByteArrayInputStream(concat(v2(0x21, 0x11,
				new byte[] { (byte) 198, 51, 100, 9, 10, 0, 0, 1, (byte) 0xC8, 0x35, 0x1B, 0x58, 0x04, 0, 1, 'x' }),
				"data".getBytes(StandardCharsets.US_ASCII)));
		assertThat(ProxyProtocolHeader.read(in, 512))
			.isEqualTo(new InetSocketAddress(InetAddress.getByName("198.51.100.9"), 0xC835));
		assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("data");
		byte[] addresses = new byte[36];
		byte[] source = InetAddress.getByName("2001:db8::9").getAddress();
		System.arraycopy(source, 0, addresses, 0, 16);
		addresses[32] = 0x01;
		addresses[33] = (byte) 0xBB;
		assertThat(ProxyProtocolHeader.read(new ByteArrayInputStream(v2(0x21, 0x21, addresses)), 512))
			.isEqualTo(new InetSocketAddress(InetAddress.getByName("2001:db8::9"), 443));
	}

	@Test
	void v2LocalAndUnixHeadersShouldLeaveTheConnectionsOwnAddress() throws Exception {
		assertThat(ProxyProtocolHeader.read(new ByteArrayInputStream(v2(0x20, 0x00, new byte[0])), 512)).isNull();
		assertThat(ProxyProtocolHeader.read(new ByteArrayInputStream(v2(0x21, 0x31, new byte[216])), 512)).isNull();
	}

	@Test
	void v2HeaderOverTheLimitOrTruncatedOrWrongShouldBeRefused() {
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> ProxyProtocolHeader.read(new ByteArrayInputStream(v2(0x21, 0x11, new byte[600])), 512))
			.withMessage("PROXY protocol v2 header announces 600 bytes after its first 16, over the limit of 512");
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> ProxyProtocolHeader.read(new ByteArrayInputStream(v2(0x31, 0x11, new byte[12])), 512))
			.withMessage("PROXY protocol v2 header has version 3 and command 1");
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> ProxyProtocolHeader.read(new ByteArrayInputStream(v2(0x21, 0x11, new byte[8])), 512))
			.withMessage("PROXY protocol v2 header of family 1 has 8 bytes of addresses, needs 12");
		byte[] truncated = v2(0x21, 0x11, new byte[12]);
		assertThatExceptionOfType(EOFException.class).isThrownBy(() -> ProxyProtocolHeader
			.read(new ByteArrayInputStream(java.util.Arrays.copyOf(truncated, 20)), 512));
	}

	@Test
	void v1HeadersWithTheWrongWordOrFieldsShouldBeRefusedSayingWhy() {
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> ProxyProtocolHeader.read(stream("PXOXY TCP4 10.0.0.9 10.0.0.1 1 2\r\n"), 512))
			.withMessage("PROXY protocol v1 header does not start with 'PROXY '");
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> ProxyProtocolHeader.read(stream("PROXY TCP4 10.0.0.9 10.0.0.1 1\r\n"), 512))
			.withMessageEndingWith("got 5 fields");
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> ProxyProtocolHeader.read(stream("PROXY UDP4 10.0.0.9 10.0.0.1 1 2\r\n"), 512))
			.withMessageEndingWith("got 6 fields");
		// a CR that no LF follows does not end the line
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> ProxyProtocolHeader.read(stream("PROXY TCP4 10.0.0.9\r10.0.0.1 1 2\r\n"), 512))
			.withMessageEndingWith("got 5 fields");
	}

	@Test
	void v1PortsThatAreNotPlainDecimalShouldBeRefused() {
		for (String ports : new String[] { " 2", "123456 2", "8a 2", "080 2", "1 02", "1 " }) {
			assertThatExceptionOfType(ProxyProtocolException.class)
				.isThrownBy(() -> ProxyProtocolHeader.read(stream("PROXY TCP4 10.0.0.9 10.0.0.1 " + ports + "\r\n"),
						512))
				.as(ports)
				.withMessage("PROXY protocol v1 header has an invalid port");
		}
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> ProxyProtocolHeader.read(stream("PROXY TCP4 10.0.0.9 10.0.0.1 0 65536\r\n"), 512))
			.withMessage("PROXY protocol v1 header has port 65536 (max 65535)");
	}

	@Test
	void streamsEndingInsideAV1HeaderShouldFailWithEof() {
		assertThatExceptionOfType(EOFException.class).isThrownBy(() -> ProxyProtocolHeader.read(stream(""), 512))
			.withMessage("the connection ended inside the PROXY protocol header");
		assertThatExceptionOfType(EOFException.class)
			.isThrownBy(() -> ProxyProtocolHeader.read(stream("PROXY TCP4 10.0.0.9"), 512))
			.withMessage("the connection ended inside the PROXY protocol header");
	}

	@Test
	void v2HeaderWithAWrongSignatureOrCommandShouldBeRefused() {
		byte[] header = v2(0x21, 0x11, new byte[12]);
		header[7] = 0x52;
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> ProxyProtocolHeader.read(new ByteArrayInputStream(header), 512))
			.withMessage("PROXY protocol v2 signature does not match");
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> ProxyProtocolHeader.read(new ByteArrayInputStream(v2(0x22, 0x11, new byte[12])), 512))
			.withMessage("PROXY protocol v2 header has version 2 and command 2");
	}

	@Test
	void missingShouldLeadAReaderExactlyToTheEndOfEveryHeaderNeverBeyond() throws Exception {
		byte[] data = "PROXY hello\r\n".getBytes(StandardCharsets.US_ASCII);
		byte[][] headers = { ascii("PROXY UNKNOWN\r\n"), ascii("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r\n"),
				ascii("PROXY TCP6 2001:db8::7 2001:db8::1 443 7000\r\n"),
				ascii("PROXY UNKNOWN ffff:f...f:ffff ffff:f...f:ffff 65535 65535\r\n"), v2(0x20, 0x00, new byte[0]),
				v2(0x21, 0x11, new byte[] { (byte) 203, 0, 113, 7, 10, 0, 0, 1, 0, 1, 0, 2, 4, 0, 1, 'x' }) };
		for (byte[] header : headers) {
			byte[] stream = concat(header, data);
			byte[] read = new byte[stream.length];
			int length = 0;
			int needed;
			while ((needed = ProxyProtocolHeader.missing(read, length, 1024)) > 0) {
				assertThat(length + needed).as(new String(header, StandardCharsets.US_ASCII))
					.isLessThanOrEqualTo(header.length);
				// the stream hands over one byte at a time (a dribbling peer) or all that is asked
				int count = (length % 2 == 0) ? 1 : needed;
				System.arraycopy(stream, length, read, length, count);
				length += count;
			}
			assertThat(length).isEqualTo(header.length);
		}
	}

	@Test
	void missingShouldRefuseWhatCannotBeginAHeaderWithoutWaitingForMore() {
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> ProxyProtocolHeader.missing(ascii("PROXX"), 5, 1024))
			.withMessage("PROXY protocol v1 header does not start with 'PROXY '");
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> ProxyProtocolHeader.missing(ascii("PROXY TCP4\n1.2.3.4"), 17, 1024))
			.withMessage("PROXY protocol v1 header has a line feed at byte 10 before its CRLF");
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> ProxyProtocolHeader.missing(new byte[] { 0x0D, 0x0A, 0x0D, 0x0B }, 4, 1024))
			.withMessage("PROXY protocol v2 signature does not match");
		byte[] huge = v2(0x21, 0x11, new byte[0]);
		huge[14] = 0x10;
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> ProxyProtocolHeader.missing(huge, 16, 1024))
			.withMessage("PROXY protocol v2 header announces 4096 bytes after its first 16, over the limit of 1024");
		assertThatExceptionOfType(ProxyProtocolException.class)
			.isThrownBy(() -> ProxyProtocolHeader.missing(new byte[] { 0x16 }, 1, 1024))
			.withMessage("the connection does not start with a PROXY protocol header (first byte 0x16)");
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static ByteArrayInputStream stream(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
	}

	private static byte[] v2(int versionAndCommand, int familyAndTransport, byte[] rest) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(SIGNATURE);
		out.write(versionAndCommand);
		out.write(familyAndTransport);
		out.write(rest.length >> 8);
		out.write(rest.length & 0xFF);
		out.writeBytes(rest);
		return out.toByteArray();
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

}
