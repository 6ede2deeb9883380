package io.github.ipcboot.demo.gateway;

import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.ipcboot.demo.GatewayClient;
import io.github.ipcboot.demo.GatewayTest;
import io.github.ipcboot.demo.GatewayTestSupport;
import io.github.ipcboot.process.ProcessInfo;
import io.github.ipcboot.process.autoconfigure.ProcessProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that try to hold the gateway's capacity without holding a connection, or to stall it:
 * requests pipelined behind a {@code RUN}, more of them than a connection may queue, and a client
 * that stops reading while its child prints. Nothing they do may keep a child running after they
 * are gone.
 */
@GatewayTest
@TestPropertySource(properties = { "demo.gateway.max-queued-requests=2",
		"ipc.tcp.servers.commands.write-timeout=1s",
		// prints "y" lines until it is stopped
		"ipc.process.commands.flood.command[0]=yes" })
class HostileClientTests extends GatewayTestSupport {

	@Autowired
	private ProcessProperties processProperties;

	@Test
	void clientsThatPipelineBehindARunAndLeaveShouldNotHoldTheCapacity() throws Exception {
		int capacity = this.processProperties.getMaxConcurrent();
		List<GatewayClient> leaving = new ArrayList<>();
		for (int i = 0; i < capacity; i++) {
			GatewayClient client = connect();
			client.send("RUN sleep 300", "PING");
			leaving.add(client);
		}
		await().atMost(WAIT).until(() -> running("sleep").size() == capacity);
		List<Long> pids = running("sleep").stream().map(ProcessInfo::pid).toList();
		for (GatewayClient client : leaving) {
			client.close();
		}
		await().atMost(WAIT).until(() -> this.processes.size() == 0);
		assertThat(pids).allSatisfy((pid) -> await().atMost(WAIT)
			.until(() -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), (alive) -> !alive));
		assertThat(connect().request("RUN date").get(1)).matches("OK EXIT 0 \\d+");
	}

	@Test
	void requestsPastTheQueueBehindARunShouldBeAnsweredBusyInTheirTurn() throws Exception {
		GatewayClient client = connect();
		client.send("RUN sleep 2", "PING", "ECHO queued", "ECHO refused", "PING", "ECHO refused too");
		assertThat(client.readLine()).matches("OK EXIT 0 \\d+");
		assertThat(client.readLine()).isEqualTo("OK PONG");
		assertThat(client.readLine()).isEqualTo("OK queued");
		for (int i = 0; i < 3; i++) {
			assertThat(client.readLine()).isEqualTo("ERR BUSY more than 2 requests queued");
		}
		assertThat(client.request("ECHO after")).containsExactly("OK after");
	}

	@Test
	void clientThatStopsReadingDuringARunShouldBeCutOffAndItsChildCancelled() throws Exception {
		Socket socket = new Socket();
		// a small window: the child's output fills it and the kernel's buffers at once
		socket.setReceiveBufferSize(4096);
		GatewayClient client = track(new GatewayClient(GatewayClient.connect(socket,
				this.servers.port(CommandGatewayListener.SERVER))));
		client.send("RUN flood");
		ProcessInfo child = awaitSingleProcess("flood");
		// never read: the server's write stalls, the write timeout closes the connection
		await().atMost(WAIT)
			.until(() -> ProcessHandle.of(child.pid()).map(ProcessHandle::isAlive).orElse(false), (alive) -> !alive);
		await().atMost(WAIT).until(() -> running("flood").isEmpty());
		assertThat(readToTheEnd(socket.getInputStream())).as("no final line after the cut")
			.doesNotContain("OK EXIT")
			.doesNotContain("ERR ");
		assertThat(connect().request("PING")).containsExactly("OK PONG");
	}

	/**
	 * Read what the server wrote before it closed the connection and return its last 200 bytes.
	 */
	private static String readToTheEnd(InputStream in) throws Exception {
		byte[] buffer = new byte[65536];
		StringBuilder tail = new StringBuilder();
		int read;
		try {
			while ((read = in.read(buffer)) != -1) {
				tail.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
				if (tail.length() > 200) {
					tail.delete(0, tail.length() - 200);
				}
			}
		}
		catch (SocketException ex) {
			// reset: closed as well
		}
		return tail.toString();
	}

}
