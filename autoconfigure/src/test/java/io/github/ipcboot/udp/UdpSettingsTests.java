package io.github.ipcboot.udp;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.github.ipcboot.tcp.CidrRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The bounds {@link UdpEndpointSettings} and {@link UdpClientSettings} check, with the numbers in
 * their messages.
 */
class UdpSettingsTests {

	@ParameterizedTest
	@ValueSource(ints = { -1, 65_536 })
	void endpointPortOutOfRangeShouldBeRejected(int port) {
		assertThatIllegalArgumentException().isThrownBy(() -> endpoint(port, 512, 1, 1, 0))
			.withMessage("port must be 0-65535, was " + port);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 65_508 })
	void endpointDatagramSizeOutOfRangeShouldBeRejected(int size) {
		assertThatIllegalArgumentException().isThrownBy(() -> endpoint(0, size, 1, 1, 0))
			.withMessage("max-datagram-size must be 1-65507 bytes, was " + size);
	}

	@Test
	void endpointWithoutHandlerThreadsShouldBeRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> endpoint(0, 512, 0, 1, 0))
			.withMessage("handler-threads and queue-capacity must be at least 1, were 0 and 1");
	}

	@Test
	void endpointWithoutQueueShouldBeRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> endpoint(0, 512, 2, 0, 0))
			.withMessage("handler-threads and queue-capacity must be at least 1, were 2 and 0");
	}

	@Test
	void endpointWithNegativeReplyRatioShouldBeRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> endpoint(0, 512, 1, 1, -0.5))
			.withMessage("max-reply-ratio must be a number not below 0, was -0.5");
		assertThatIllegalArgumentException().isThrownBy(() -> endpoint(0, 512, 1, 1, Double.NaN))
			.withMessage("max-reply-ratio must be a number not below 0, was NaN");
	}

	@Test
	void endpointAtTheBoundsShouldBeAccepted() {
		assertThat(endpoint(65_535, 65_507, 1, 1, 0).port()).isEqualTo(65_535);
		assertThat(endpoint(0, 1, 1, 1, 0).maxDatagramSize()).isEqualTo(1);
	}

	@Test
	void maxReplySizeShouldFollowTheRatioUpToTheLargestPayload() {
		assertThat(endpoint(0, 512, 1, 1, 0).maxReplySize(100)).isEqualTo(65_507);
		assertThat(endpoint(0, 512, 1, 1, 2.5).maxReplySize(100)).isEqualTo(250);
		assertThat(endpoint(0, 512, 1, 1, 1000).maxReplySize(60_000)).isEqualTo(65_507);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 65_536 })
	void clientPortOutOfRangeShouldBeRejected(int port) {
		assertThatIllegalArgumentException().isThrownBy(() -> client(port, Duration.ofSeconds(1), 0, 512))
			.withMessage("port must be 1-65535, was " + port);
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, -1 })
	void clientReplyTimeoutNotPositiveShouldBeRejected(long millis) {
		Duration timeout = Duration.ofMillis(millis);
		assertThatIllegalArgumentException().isThrownBy(() -> client(9, timeout, 0, 512))
			.withMessage("reply-timeout must be positive, was " + timeout);
	}

	@Test
	void clientNegativeRetriesShouldBeRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> client(9, Duration.ofSeconds(1), -1, 512))
			.withMessage("retries must not be negative, was -1");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 65_508 })
	void clientDatagramSizeOutOfRangeShouldBeRejected(int size) {
		assertThatIllegalArgumentException().isThrownBy(() -> client(9, Duration.ofSeconds(1), 0, size))
			.withMessage("max-datagram-size must be 1-65507 bytes, was " + size);
	}

	@Test
	void clientAtTheBoundsShouldBeAccepted() {
		assertThat(client(65_535, Duration.ofNanos(1), 0, 65_507).port()).isEqualTo(65_535);
		assertThat(client(1, Duration.ofNanos(1), 3, 1).retries()).isEqualTo(3);
	}

	@Test
	void endpointThatAnswersAnyoneWithAnySizeOnAReachableAddressShouldBeCalledAReflector() throws Exception {
		InetAddress reachable = InetAddress.getByName("192.0.2.10"); // a literal: nothing is bound or resolved
		assertThat(UdpEndpoint.reflectorWarning(endpoint(0, 512, 1, 1, 0), reachable))
			.startsWith("UDP endpoint 'test' answers any sender on 192.0.2.10 with replies of any size")
			.contains("ipc.udp.endpoints.test.reply.max-ratio");
		assertThat(UdpEndpoint.reflectorWarning(endpoint(0, 512, 1, 1, 1.0), reachable)).isNull();
		assertThat(UdpEndpoint.reflectorWarning(endpoint(0, 512, 1, 1, 0), InetAddress.getLoopbackAddress())).isNull();
		UdpEndpointSettings allowList = new UdpEndpointSettings("test", "127.0.0.1", 0, 512, null,
				StandardCharsets.UTF_8, CidrRange.parseAll("allowed-clients", List.of("10.0.0.0/8")), 1, 1, true, 0, null);
		assertThat(UdpEndpoint.reflectorWarning(allowList, reachable)).isNull();
		UdpEndpointSettings noReplies = new UdpEndpointSettings("test", "127.0.0.1", 0, 512, null,
				StandardCharsets.UTF_8, List.of(), 1, 1, false, 0, null);
		assertThat(UdpEndpoint.reflectorWarning(noReplies, reachable)).isNull();
	}

	private static UdpEndpointSettings endpoint(int port, int maxDatagramSize, int handlerThreads, int queueCapacity,
			double maxReplyRatio) {
		return new UdpEndpointSettings("test", "127.0.0.1", port, maxDatagramSize, null, StandardCharsets.UTF_8,
				List.of(), handlerThreads, queueCapacity, true, maxReplyRatio, null);
	}

	private static UdpClientSettings client(int port, Duration replyTimeout, int retries, int maxDatagramSize) {
		return new UdpClientSettings("test", "127.0.0.1", port, replyTimeout, retries, maxDatagramSize,
				StandardCharsets.UTF_8);
	}

}
