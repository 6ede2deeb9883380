package io.github.ipcboot.demo.status;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import io.github.ipcboot.demo.GatewayClient;
import io.github.ipcboot.demo.GatewayTest;
import io.github.ipcboot.demo.GatewayTestSupport;
import io.github.ipcboot.process.ProcessRegistry;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.udp.UdpEndpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code status} UDP endpoint over a real datagram socket on 127.0.0.1 (the endpoint on an
 * ephemeral port).
 */
@GatewayTest
class StatusEndpointTests extends GatewayTestSupport {

	@Autowired
	private TcpServers servers;

	@Autowired
	private ProcessRegistry processes;

	@Autowired
	private UdpEndpoints endpoints;

	private DatagramSocket socket;

	@BeforeEach
	void open() throws IOException {
		this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		this.socket.setSoTimeout(2000);
	}

	@AfterEach
	void closeSocket() {
		this.socket.close();
	}

	@Test
	void pingShouldBeAnsweredWithPong() throws IOException {
		assertThat(ask("PING")).isEqualTo("PONG");
		assertThat(ask("ping\n")).isEqualTo("PONG");
	}

	@Test
	void unknownRequestShouldBeAnsweredWithAnError() throws IOException {
		assertThat(ask("HELLO")).isEqualTo("ERR UNKNOWN_COMMAND HELLO");
	}

	@Test
	void statusShouldCountOpenConnectionsAndRunningProcesses() throws IOException {
		// the context is shared with other test classes, whose connections may still be closing:
		// the counts are checked against the application's own ones, not against zero
		await().atMost(WAIT).untilAsserted(() -> assertThat(ask("STATUS")).isEqualTo(expectedStatus()));
		GatewayClient client = connect();
		client.send("RUN tick");
		assertThat(client.readLine()).isEqualTo("STDOUT started");
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(this.processes.size()).isPositive();
			assertThat(ask("STATUS")).isEqualTo(expectedStatus());
		});
	}

	private String expectedStatus() {
		return "STATUS connections=" + this.servers.getOpenConnections() + " processes=" + this.processes.size();
	}

	/**
	 * Send one datagram to the endpoint and return the reply; UDP may lose either, so a request
	 * is sent again (at most five times) when no reply comes within the socket's timeout.
	 */
	private String ask(String request) throws IOException {
		byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
		InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(),
				this.endpoints.port(StatusListener.ENDPOINT));
		DatagramPacket reply = new DatagramPacket(new byte[512], 512);
		for (int attempt = 1;; attempt++) {
			this.socket.send(new DatagramPacket(bytes, bytes.length, target));
			try {
				this.socket.receive(reply);
				return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
			}
			catch (SocketTimeoutException ex) {
				if (attempt == 5) {
					throw ex;
				}
			}
		}
	}

}
