package io.github.ipcboot.tcp.autoconfigure;

import io.github.ipcboot.tcp.LineClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every test of {@link TcpAutoConfigurationTests} with the server in NIO mode.
 */
class NioTcpAutoConfigurationTests extends TcpAutoConfigurationTests {

	@Override
	String ioMode() {
		return "nio";
	}

	/**
	 * A NIO connection cannot skip the rest of an oversized frame (a documented difference of
	 * {@code io-mode: nio}): {@code reply} closes the connection after the reply.
	 */
	@Override
	void assertConnectionAfterAnsweredOversizedFrame(LineClient client) {
		assertThat(client.isClosedByServer()).isTrue();
	}

}
