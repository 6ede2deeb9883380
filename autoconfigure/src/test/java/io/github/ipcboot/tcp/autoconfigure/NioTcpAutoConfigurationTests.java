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
	void oversizedFrameShouldBeAnsweredAndTheConnectionKeptWhenConfigured() {
		// NIO connections cannot skip the rest of an oversized frame: 'reply' closes after the reply
		replyingToOversizedFrames().run(withClient((context, client) -> {
			assertThat(client.request("x".repeat(5000))).isEqualTo("ERR FRAME_TOO_LARGE 16");
			assertThat(client.isClosedByServer()).isTrue();
		}));
	}

}
