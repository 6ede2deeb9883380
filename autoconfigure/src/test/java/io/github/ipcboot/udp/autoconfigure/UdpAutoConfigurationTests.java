package io.github.ipcboot.udp.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.udp.UdpContext;
import io.github.ipcboot.udp.UdpDropReason;
import io.github.ipcboot.udp.UdpEndpoint;
import io.github.ipcboot.udp.UdpEndpoints;
import io.github.ipcboot.udp.UdpListener;
import io.github.ipcboot.udp.UdpPeer;
import io.github.ipcboot.udp.UdpStats;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link UdpAutoConfiguration}: endpoints from properties and their listeners, limits
 * and errors, over real loopback datagram sockets on ephemeral ports.
 */
class UdpAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** For "no reply" checks made after a counter has already proved the datagram was dropped. */
	private static final Duration SHORT = Duration.ofMillis(300);

	final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UdpAutoConfiguration.class))
		.withPropertyValues("ipc.udp.endpoints.echo.port=0", "ipc.udp.endpoints.echo.address=127.0.0.1");

	@Test
	void noEndpointConfiguredShouldCreateNoEndpoint() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(UdpAutoConfiguration.class))
			.run((context) -> assertThat(context.getBean(UdpEndpoints.class).names()).isEmpty());
	}

	@Test
	void endpointShouldReplyToTheSenderThroughItsListener() {
		this.contextRunner.withUserConfiguration(EchoListener.class).run((context) -> {
			int port = port(context);
			assertThat(port).isPositive();
			try (UdpPeer peer = UdpPeer.open()) {
				assertThat(peer.request(port, "hello", TIMEOUT)).isEqualTo("echo hello from " + peer.port());
				assertThat(peer.request(port, "wörld", TIMEOUT)).isEqualTo("echo wörld from " + peer.port());
			}
			UdpStats stats = endpoint(context).getStats();
			assertThat(stats.getReceived()).isEqualTo(2);
			// counted once the send returned, which may be after the peer got the reply
			await().atMost(TIMEOUT).until(() -> stats.getSent() == 2);
		});
	}

	@Test
	void bytesListenerShouldGetTheDatagramUnchanged() {
		this.contextRunner.withUserConfiguration(BytesListener.class).run((context) -> {
			try (UdpPeer peer = UdpPeer.open()) {
				peer.send(port(context), new byte[] { 0, (byte) 0xFF, 7 });
				UdpPeer.Received reply = peer.receive(TIMEOUT);
				assertThat(reply).isNotNull();
				assertThat(reply.data()).containsExactly(7, (byte) 0xFF, 0);
				assertThat(reply.sender().getPort()).isEqualTo(port(context));
			}
		});
	}

	@Test
	void datagramLargerThanMaxShouldBeDroppedAndCountedNeverTruncated() {
		this.contextRunner.withUserConfiguration(EchoListener.class)
			.withPropertyValues("ipc.udp.endpoints.echo.max-datagram-size=16B")
			.run((context) -> {
				try (UdpPeer peer = UdpPeer.open()) {
					peer.send(port(context), "x".repeat(17));
					UdpStats stats = endpoint(context).getStats();
					await().atMost(TIMEOUT).until(() -> stats.getDropped(UdpDropReason.TOO_LARGE) == 1);
					assertThat(peer.receive(SHORT)).isNull();
					assertThat(peer.request(port(context), "x".repeat(16), TIMEOUT))
						.isEqualTo("echo " + "x".repeat(16) + " from " + peer.port());
				}
			});
	}

	@Test
	void senderOutsideAllowedClientsShouldBeDroppedAndCounted() {
		this.contextRunner.withUserConfiguration(EchoListener.class)
			.withPropertyValues("ipc.udp.endpoints.echo.allowed-clients=10.0.0.0/8")
			.run((context) -> {
				try (UdpPeer peer = UdpPeer.open()) {
					peer.send(port(context), "hello");
					UdpStats stats = endpoint(context).getStats();
					await().atMost(TIMEOUT).until(() -> stats.getDropped(UdpDropReason.NOT_ALLOWED) == 1);
					assertThat(peer.receive(SHORT)).isNull();
					assertThat(context.getBean(EchoListener.class).calls).isZero();
				}
			});
	}

	@Test
	void senderInsideAllowedClientsShouldBeServed() {
		this.contextRunner.withUserConfiguration(EchoListener.class)
			.withPropertyValues("ipc.udp.endpoints.echo.allowed-clients=10.0.0.0/8,127.0.0.0/8")
			.run((context) -> {
				try (UdpPeer peer = UdpPeer.open()) {
					assertThat(peer.request(port(context), "hi", TIMEOUT)).isEqualTo("echo hi from " + peer.port());
				}
			});
	}

	@Test
	void listenerErrorShouldBeCountedAndTheNextDatagramServed() {
		this.contextRunner.withUserConfiguration(EchoListener.class).run((context) -> {
			try (UdpPeer peer = UdpPeer.open()) {
				peer.send(port(context), "FAIL");
				UdpStats stats = endpoint(context).getStats();
				await().atMost(TIMEOUT).until(() -> stats.getListenerErrors() == 1);
				assertThat(peer.request(port(context), "after", TIMEOUT)).isEqualTo("echo after from " + peer.port());
				assertThat(endpoint(context).isReceiving()).isTrue();
			}
		});
	}

	@Test
	void fullQueueShouldDropAndCountWithoutBlockingTheReceiver() {
		this.contextRunner.withUserConfiguration(BlockingListener.class)
			.withPropertyValues("ipc.udp.endpoints.echo.handler-threads=1", "ipc.udp.endpoints.echo.queue-capacity=1")
			.run((context) -> {
				BlockingListener listener = context.getBean(BlockingListener.class);
				UdpStats stats = endpoint(context).getStats();
				try (UdpPeer flood = UdpPeer.open(); UdpPeer good = UdpPeer.open()) {
					flood.send(port(context), "BLOCK");
					assertThat(listener.started.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
					for (int i = 0; i < 5; i++) {
						flood.send(port(context), "BLOCK");
					}
					// the receiver goes on while the only handler is blocked: one queued, four dropped
					await().atMost(TIMEOUT).until(() -> stats.getDropped(UdpDropReason.QUEUE_FULL) == 4);
					assertThat(stats.getReceived()).isEqualTo(6);
					assertThat(endpoint(context).getInFlight()).isEqualTo(2);
					listener.release.countDown();
					// the handler and the queue empty out; then a good client is served
					await().atMost(TIMEOUT).until(() -> endpoint(context).getInFlight() == 0);
					assertThat(good.request(port(context), "hello", TIMEOUT)).isEqualTo("done hello");
				}
			});
	}

	@Test
	void disabledRepliesShouldSendNothingAndCount() {
		this.contextRunner.withUserConfiguration(EchoListener.class)
			.withPropertyValues("ipc.udp.endpoints.echo.reply.enabled=false")
			.run((context) -> {
				try (UdpPeer peer = UdpPeer.open()) {
					peer.send(port(context), "hello");
					UdpStats stats = endpoint(context).getStats();
					await().atMost(TIMEOUT).until(() -> stats.getDropped(UdpDropReason.REPLY_DISABLED) == 1);
					assertThat(peer.receive(SHORT)).isNull();
					assertThat(stats.getSent()).isZero();
				}
			});
	}

	@Test
	void replyLargerThanTheRatioAllowsShouldBeDroppedAndCounted() {
		this.contextRunner.withUserConfiguration(EchoListener.class)
			.withPropertyValues("ipc.udp.endpoints.echo.reply.max-ratio=2")
			.run((context) -> {
				try (UdpPeer peer = UdpPeer.open()) {
					// "echo x from <port>" is far more than twice the size of "x"
					peer.send(port(context), "x");
					UdpStats stats = endpoint(context).getStats();
					await().atMost(TIMEOUT).until(() -> stats.getDropped(UdpDropReason.REPLY_TOO_LARGE) == 1);
					String request = "y".repeat(30);
					assertThat(peer.request(port(context), request, TIMEOUT))
						.isEqualTo("echo " + request + " from " + peer.port());
				}
			});
	}

	static int port(AssertableApplicationContext context) {
		return context.getBean(UdpEndpoints.class).port("echo");
	}

	static UdpEndpoint endpoint(AssertableApplicationContext context) {
		return context.getBean(UdpEndpoints.class).get("echo");
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoListener {

		volatile int calls;

		@UdpListener("echo")
		String onDatagram(String text, UdpContext context) {
			this.calls++;
			if (text.equals("FAIL")) {
				throw new IllegalStateException("listener failed on purpose");
			}
			return context.endpoint() + " " + text + " from " + context.sender().getPort();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BytesListener {

		@UdpListener("echo")
		byte[] onDatagram(byte[] datagram) {
			byte[] reversed = new byte[datagram.length];
			for (int i = 0; i < datagram.length; i++) {
				reversed[i] = datagram[datagram.length - 1 - i];
			}
			return reversed;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BlockingListener {

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@UdpListener("echo")
		String onDatagram(String text) throws InterruptedException {
			if (text.equals("BLOCK")) {
				this.started.countDown();
				// bounded: the test releases it long before
				this.release.await(30, TimeUnit.SECONDS);
				return null;
			}
			return "done " + text;
		}

	}

}
