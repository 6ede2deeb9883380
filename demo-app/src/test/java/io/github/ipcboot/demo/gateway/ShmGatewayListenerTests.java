package io.github.ipcboot.demo.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the {@code gateway} shared-memory channel answers: {@code PING} and {@code ECHO} as the
 * {@code commands} server does, {@code ERR UNSUPPORTED} for the rest.
 */
class ShmGatewayListenerTests {

	private final ShmGatewayListener listener = new ShmGatewayListener();

	@Test
	void pingAndEchoShouldBeAnsweredAsOnTheCommandsServer() {
		assertThat(this.listener.onRequest("PING")).isEqualTo("OK PONG");
		assertThat(this.listener.onRequest("ECHO  two  spaces ")).isEqualTo("OK  two  spaces ");
		assertThat(this.listener.onRequest("PING now")).isEqualTo("ERR BAD_ARGS PING takes no arguments");
		assertThat(this.listener.onRequest("ECHO")).isEqualTo("ERR BAD_ARGS ECHO needs a text");
	}

	@ParameterizedTest
	@ValueSource(strings = { "RUN date", "LIST", "FORWARD hello", "QUIT", "echo lower case", "" })
	void everyOtherRequestShouldBeUnsupported(String request) {
		String verb = GatewayRequest.parse(request).verb();
		assertThat(this.listener.onRequest(request)).isEqualTo(("ERR UNSUPPORTED " + verb).strip());
	}

}
