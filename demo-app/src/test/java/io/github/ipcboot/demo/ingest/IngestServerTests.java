package io.github.ipcboot.demo.ingest;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import io.github.ipcboot.demo.GatewayClient;
import io.github.ipcboot.demo.GatewayTest;
import io.github.ipcboot.tcp.TcpServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ingest} server with HL7 MLLP framing ({@code \x0b} frame {@code \x1c\r}) and binary
 * frames, over a raw socket.
 */
@GatewayTest
class IngestServerTests {

	private static final byte START = 0x0b;

	private static final byte[] END = { 0x1c, '\r' };

	@Autowired
	private TcpServers servers;

	private Socket socket;

	@BeforeEach
	void connect() throws IOException {
		this.socket = GatewayClient.connect(new Socket(), this.servers.port(IngestListener.SERVER));
		this.socket.setSoTimeout(15_000);
	}

	@AfterEach
	void close() throws IOException {
		this.socket.close();
	}

	@Test
	void frameShouldBeAcknowledgedWithItsByteLength() throws IOException {
		assertThat(exchange("MSH|^~\\&|DEMO".getBytes(StandardCharsets.UTF_8))).isEqualTo("ACK 13");
		assertThat(exchange(new byte[0])).isEqualTo("ACK 0");
	}

	@Test
	void everyByteValueShouldBeAcknowledged() throws IOException {
		// 0x00-0xff, so 0x1c is followed by 0x1d, never by the end sequence's '\r'; the start byte
		// 0x0b inside a frame is data
		byte[] frame = new byte[256];
		for (int i = 0; i < frame.length; i++) {
			frame[i] = (byte) i;
		}
		assertThat(exchange(frame)).isEqualTo("ACK 256");
		byte[] reversed = new byte[256];
		for (int i = 0; i < reversed.length; i++) {
			reversed[i] = (byte) (255 - i);
		}
		assertThat(exchange(reversed)).isEqualTo("ACK 256");
	}

	@Test
	void randomBinaryFramesWithoutTheEndSequenceShouldBeAcknowledgedInOrder() throws IOException {
		Random random = new Random(7001);
		for (int i = 0; i < 50; i++) {
			byte[] frame = withoutEndSequence(random, random.nextInt(70_000));
			assertThat(exchange(frame)).isEqualTo("ACK " + frame.length);
		}
		// a frame that ends with 0x1c: the end sequence is the first 0x1c '\r'
		assertThat(exchange(new byte[] { 'a', 0x1c })).isEqualTo("ACK 2");
	}

	private static byte[] withoutEndSequence(Random random, int length) {
		byte[] frame = new byte[length];
		random.nextBytes(frame);
		for (int i = 1; i < frame.length; i++) {
			if (frame[i - 1] == END[0] && frame[i] == END[1]) {
				frame[i] = 0x1d;
			}
		}
		return frame;
	}

	private String exchange(byte[] frame) throws IOException {
		ByteArrayOutputStream framed = new ByteArrayOutputStream();
		framed.write(START);
		framed.write(frame);
		framed.write(END);
		OutputStream out = this.socket.getOutputStream();
		out.write(framed.toByteArray());
		out.flush();
		return new String(readFrame(this.socket.getInputStream()), StandardCharsets.UTF_8);
	}

	/**
	 * Read one reply frame; replies are text, so the first 0x1c starts the end sequence.
	 */
	private static byte[] readFrame(InputStream in) throws IOException {
		DataInputStream data = new DataInputStream(in);
		assertThat(data.readByte()).isEqualTo(START);
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		byte b;
		while ((b = data.readByte()) != END[0]) {
			frame.write(b);
		}
		assertThat(data.readByte()).isEqualTo(END[1]);
		return frame.toByteArray();
	}

}
