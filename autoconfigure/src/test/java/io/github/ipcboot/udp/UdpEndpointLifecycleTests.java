package io.github.ipcboot.udp;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.github.ipcboot.tcp.CidrRange;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the life of a {@link UdpEndpoint} outside a Spring context: start without a listener,
 * getters before and after start, a second start, a drain and a second stop, over a real socket on
 * 127.0.0.1; and when an endpoint is said to be a reflector.
 */
class UdpEndpointLifecycleTests {

	private final UdpEndpoint endpoint = new UdpEndpoint(settings("127.0.0.1", true, List.of(), 0));

	@AfterEach
	void stop() {
		this.endpoint.stop(1000);
	}

	@Test
	void startWithoutListenerShouldNameTheMissingMethod() {
		assertThat(this.endpoint.hasListener()).isFalse();
		assertThatIllegalStateException().isThrownBy(this.endpoint::start)
			.withMessage("UDP endpoint 'test' has no @UdpListener(\"test\") method");
	}

	@Test
	void gettersBeforeStartShouldSayNotRunning() {
		assertThatIllegalStateException().isThrownBy(this.endpoint::getPort)
			.withMessage("UDP endpoint 'test' is not started");
		assertThat(this.endpoint.isReceiving()).isFalse();
		assertThat(this.endpoint.isDraining()).isFalse();
		assertThat(this.endpoint.getInFlight()).isZero();
		assertThat(this.endpoint.getQueued()).isZero();
	}

	@Test
	void secondStartShouldKeepTheBoundPortAndDrainShouldStopReceiving() throws Exception {
		this.endpoint.attach(new UdpListenerMethod(new Echo(), Echo.class.getMethod("echo", String.class)));
		assertThat(this.endpoint.hasListener()).isTrue();
		this.endpoint.start();
		int port = this.endpoint.getPort();
		this.endpoint.start();
		assertThat(this.endpoint.getPort()).isEqualTo(port);
		assertThat(this.endpoint.getQueued()).isZero();
		await().atMost(Duration.ofSeconds(20)).until(this.endpoint::isReceiving);
		try (DatagramSocket socket = new DatagramSocket()) {
			socket.setSoTimeout(20_000);
			byte[] request = "ping".getBytes(StandardCharsets.UTF_8);
			socket.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
			DatagramPacket reply = new DatagramPacket(new byte[64], 64);
			socket.receive(reply);
			assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8)).isEqualTo("PING");
		}
		this.endpoint.beginDrain();
		assertThat(this.endpoint.isDraining()).isTrue();
		this.endpoint.beginDrain();
		await().atMost(Duration.ofSeconds(20)).until(() -> !this.endpoint.isReceiving());
		this.endpoint.stop(1000);
		assertThat(this.endpoint.isDraining()).isFalse();
		assertThatIllegalStateException().isThrownBy(this.endpoint::getPort);
		this.endpoint.stop(1000);
	}

	@Test
	void endpointThatAnswersAnyoneWithAnySizeOnAReachableAddressShouldBeAReflector() throws Exception {
		InetAddress any = InetAddress.getByName("0.0.0.0");
		assertThat(UdpEndpoint.reflectorWarning(settings(null, true, List.of(), 0), any))
			.startsWith("UDP endpoint 'test' answers any sender on 0.0.0.0 with replies of any size:"
					+ " set ipc.udp.endpoints.test.reply.max-ratio");
		assertThat(UdpEndpoint.reflectorWarning(settings(null, false, List.of(), 0), any)).isNull();
		assertThat(UdpEndpoint.reflectorWarning(settings(null, true, List.of("10.0.0.0/8"), 0), any)).isNull();
		assertThat(UdpEndpoint.reflectorWarning(settings(null, true, List.of(), 1), any)).isNull();
		assertThat(UdpEndpoint.reflectorWarning(settings(null, true, List.of(), 0), InetAddress.getLoopbackAddress()))
			.isNull();
	}

	private static UdpEndpointSettings settings(@Nullable String address, boolean replies, List<String> allowedClients,
			double maxReplyRatio) {
		return new UdpEndpointSettings("test", address, 0, 512, null, StandardCharsets.UTF_8,
				allowedClients.stream().map(CidrRange::parse).toList(), 1, 4,
				replies, maxReplyRatio, null);
	}

	/**
	 * A listener that answers in upper case.
	 */
	public static class Echo {

		/**
		 * Answer the payload in upper case.
		 * @param payload the payload
		 * @return the answer
		 */
		public String echo(String payload) {
			return payload.toUpperCase(java.util.Locale.ROOT);
		}

	}

}
