package io.github.ipcboot.demo.gateway;

import io.github.ipcboot.demo.GatewayClient;
import io.github.ipcboot.demo.GatewayTest;
import io.github.ipcboot.demo.GatewayTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command that runs longer than its timeout, with the timeout of {@code sleep} shortened.
 */
@GatewayTest
@TestPropertySource(properties = "ipc.process.commands.sleep.timeout=1s")
class CommandTimeoutTests extends GatewayTestSupport {

	@Test
	void runLongerThanTheCommandsTimeoutShouldAnswerTimeout() throws Exception {
		GatewayClient client = connect();
		String reply = client.request("RUN sleep 30").get(0);
		assertThat(reply).matches("ERR TIMEOUT \\d+");
		assertThat(Long.parseLong(reply.substring("ERR TIMEOUT ".length()))).isBetween(1_000L, 15_000L);
		assertThat(this.processes.size()).isZero();
		assertThat(client.request("PING")).containsExactly("OK PONG");
	}

}
