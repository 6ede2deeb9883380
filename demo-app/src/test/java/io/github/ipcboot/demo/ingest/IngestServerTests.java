package io.github.ipcboot.demo.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import io.github.ipcboot.demo.GatewayTest;
import io.github.ipcboot.tcp.testing.TcpTestClient;
import io.github.ipcboot.tcp.testing.TcpTestClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ingest} server with HL7 MLLP framing ({@code \x0b} frame {@code \x1c\r}) and binary
 * frames, through a {@link TcpTestClient} that takes the framing from the server's configuration.
 */
@GatewayTest
class IngestServerTests {

	private static final byte[] END = { 0x1c, '\r' };

	@Autowired
	private TcpTestClients clients;

	private TcpTestClient client;

	@BeforeEach
	void connect() {
		this.client = this.clients.connect(IngestListener.SERVER);
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void frameShouldBeAcknowledgedWithItsByteLength() {
		assertThat(exchange("MSH|^~\\&|DEMO".getBytes(StandardCharsets.UTF_8))).isEqualTo("ACK 13");
		assertThat(exchange(new byte[0])).isEqualTo("ACK 0");
	}

	@Test
	void everyByteValueShouldBeAcknowledged() {
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
	void randomBinaryFramesWithoutTheEndSequenceShouldBeAcknowledgedInOrder() {
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

	private String exchange(byte[] frame) {
		return this.client.send(frame).readFrame();
	}

}
