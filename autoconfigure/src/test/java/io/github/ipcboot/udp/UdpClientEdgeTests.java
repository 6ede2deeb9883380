package io.github.ipcboot.udp;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the edges of a {@link UdpClient} and the registries' look-ups, over real sockets on
 * 127.0.0.1: a closed client, a reply larger than the client takes, a port nothing listens on.
 */
class UdpClientEdgeTests {

	@Test
	void closedClientShouldRefuseToSend() {
		UdpClientSettings settings = settings(9, Duration.ofSeconds(1), 0);
		UdpClient client = new UdpClient(settings);
		assertThat(client.getSettings()).isSameAs(settings);
		client.close();
		assertThatExceptionOfType(UdpClientException.class).isThrownBy(() -> client.send("x"))
			.withMessageEndingWith(": the client is closed");
	}

	@Test
	void replyLargerThanTheClientTakesShouldBeDroppedAndTheNextReplyReturned() throws Exception {
		try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
				UdpClient client = new UdpClient(settings(server.getLocalPort(), Duration.ofSeconds(20), 0))) {
			server.setSoTimeout(20_000);
			CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> {
				try {
					DatagramPacket request = new DatagramPacket(new byte[64], 64);
					server.receive(request);
					byte[] big = new byte[600];
					server.send(new DatagramPacket(big, big.length, request.getSocketAddress()));
					byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
					server.send(new DatagramPacket(ok, ok.length, request.getSocketAddress()));
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			assertThat(client.request("hello")).isEqualTo("ok");
			peer.get(30, TimeUnit.SECONDS);
			assertThat(client.getStats().getDropped(UdpDropReason.TOO_LARGE)).isEqualTo(1);
		}
	}

	@Test
	void requestToAPortNothingListensOnShouldTimeOutSayingPortUnreachable() throws Exception {
		int port;
		try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
			port = socket.getLocalPort();
		}
		try (UdpClient client = new UdpClient(settings(port, Duration.ofMillis(500), 2))) {
			assertThatExceptionOfType(UdpReplyTimeoutException.class).isThrownBy(() -> client.request("hello"))
				.withMessageContaining("in 3 attempt(s) (last error: port unreachable)")
				.withCauseInstanceOf(PortUnreachableException.class);
		}
	}

	@Test
	void unknownNamesShouldListTheConfiguredOnes() {
		UdpClients clients = new UdpClients(List.of(new UdpClient(settings(9, Duration.ofSeconds(1), 0))));
		assertThatIllegalArgumentException().isThrownBy(() -> clients.client("other"))
			.withMessage("No UDP client named 'other'; configured: [test]");
		clients.destroy();
		UdpEndpoints endpoints = new UdpEndpoints(List.of(new UdpEndpoint(new UdpEndpointSettings("status", null, 0,
				512, null, StandardCharsets.UTF_8, List.of(), 1, 1, true, 0, null))));
		assertThatIllegalArgumentException().isThrownBy(() -> endpoints.get("other"))
			.withMessage("No UDP endpoint named 'other'; configured: [status]");
	}

	private static UdpClientSettings settings(int port, Duration replyTimeout, int retries) {
		return new UdpClientSettings("test", "127.0.0.1", port, replyTimeout, retries, 512, StandardCharsets.UTF_8);
	}

}
