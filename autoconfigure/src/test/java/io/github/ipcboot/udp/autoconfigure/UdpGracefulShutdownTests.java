package io.github.ipcboot.udp.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.TestThreads;
import io.github.ipcboot.shutdown.GracefulShutdownCoordinator;
import io.github.ipcboot.shutdown.ShutdownResult;
import io.github.ipcboot.shutdown.autoconfigure.ShutdownAutoConfiguration;
import io.github.ipcboot.udp.UdpEndpoint;
import io.github.ipcboot.udp.UdpEndpoints;
import io.github.ipcboot.udp.UdpListener;
import io.github.ipcboot.udp.UdpPeer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for UDP endpoints in the graceful shutdown: receiving stops, the handlers of datagrams
 * already taken finish and their replies go out, all within the drain.
 */
class UdpGracefulShutdownTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UdpAutoConfiguration.class, ShutdownAutoConfiguration.class))
		.withPropertyValues("ipc.shutdown.handle-signals=false", "ipc.udp.endpoints.echo.port=0",
				"ipc.udp.endpoints.echo.address=127.0.0.1")
		.withUserConfiguration(SlowListener.class);

	@Test
	void closeShouldStopReceivingAndLetRunningHandlersReply() {
		this.contextRunner.run((context) -> {
			SlowListener listener = context.getBean(SlowListener.class);
			GracefulShutdownCoordinator coordinator = context.getBean(GracefulShutdownCoordinator.class);
			UdpEndpoint endpoint = context.getBean(UdpEndpoints.class).get("echo");
			int port = endpoint.getPort();
			try (UdpPeer peer = UdpPeer.open()) {
				peer.send(port, "SLOW");
				assertThat(listener.started.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
				CompletableFuture<Void> closing = TestThreads.runAsync(context::close);
				await().atMost(TIMEOUT).until(endpoint::isDraining);
				assertThat(endpoint.isReceiving()).isFalse();
				assertThat(closing).isNotDone();
				listener.release.countDown();
				UdpPeer.Received reply = peer.receive(TIMEOUT);
				assertThat(reply).isNotNull();
				assertThat(reply.text()).isEqualTo("done SLOW");
				closing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				ShutdownResult result = coordinator.getResult();
				assertThat(result).isNotNull();
				assertThat(result.drained()).isTrue();
				assertThat(endpoint.isDraining()).isFalse();
			}
		});
	}

	@Test
	void handlerStillRunningAtTheTimeoutShouldMakeTheShutdownForced() {
		this.contextRunner.withPropertyValues("ipc.shutdown.timeout=500ms").run((context) -> {
			SlowListener listener = context.getBean(SlowListener.class);
			GracefulShutdownCoordinator coordinator = context.getBean(GracefulShutdownCoordinator.class);
			try (UdpPeer peer = UdpPeer.open()) {
				peer.send(context.getBean(UdpEndpoints.class).port("echo"), "SLOW");
				assertThat(listener.started.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
				context.close();
				ShutdownResult result = coordinator.getResult();
				assertThat(result).isNotNull();
				assertThat(result.drained()).isFalse();
			}
			finally {
				listener.release.countDown();
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class SlowListener {

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@UdpListener("echo")
		String onDatagram(String text) throws InterruptedException {
			this.started.countDown();
			// bounded: the tests release it
			this.release.await(60, TimeUnit.SECONDS);
			return "done " + text;
		}

	}

}
