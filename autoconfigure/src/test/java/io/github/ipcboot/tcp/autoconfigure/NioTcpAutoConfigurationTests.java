package io.github.ipcboot.tcp.autoconfigure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every test of {@link TcpAutoConfigurationTests} with the server in NIO mode.
 */
class NioTcpAutoConfigurationTests extends TcpAutoConfigurationTests {

	@Override
	String ioMode() {
		return "nio";
	}

	@Override
	@Test
	void clientThatClosesItsSendingSideShouldStillGetEveryReply() {
		// Spring Integration closes a NIO connection as soon as it reads the end of the stream,
		// also when pipelined frames are still in its buffers: replies may stop short (a known
		// limitation of io-mode nio, see the README); those that come are complete and in order
		this.contextRunner.withUserConfiguration(AckListener.class).run(withClient((context, client) -> {
			client.write(numberedLines(200));
			client.shutdownOutput();
			String line;
			int next = 0;
			while ((line = client.readLine()) != null) {
				assertThat(line).isEqualTo("ACK " + next++);
			}
			assertThat(next).isBetween(0, 200);
		}));
	}

	@Override
	@Test
	void oversizedFrameShouldBeAnsweredAndTheConnectionKeptWhenConfigured() {
		// NIO connections cannot skip the rest of an oversized frame: 'reply' closes after the reply
		replyingToOversizedFrames().run(withClient((context, client) -> {
			assertThat(client.request("x".repeat(5000))).isEqualTo("ERR FRAME_TOO_LARGE 16");
			assertThat(client.isClosedByServer()).isTrue();
		}));
	}

}
