package io.github.ipcboot.tcp.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ipcboot.tcp.ConnectionRegistry;
import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.TcpServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A NIO connection whose listener is busy holds its reads back (the starter's read path reads
 * nothing while it handles a frame, as Spring Integration's path stops once the backlog is full):
 * a frame sent in part meanwhile waits for the listener, not for the client, and its
 * {@code frame-timeout} clock stands still.
 */
class NioBacklogFrameTimeoutTests {

	private static final int FRAME = 60_000;

	@Test
	void frameWaitingForBacklogRoomShouldNotTimeOutWhileTheListenerIsBusy() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class, TcpMetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withUserConfiguration(FirstCallWaits.class)
			.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1",
					"ipc.tcp.servers.echo.io-mode=nio", "ipc.tcp.servers.echo.frame-timeout=1s")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				TcpServer server = context.getBean(TcpServers.class).get("echo");
				FirstCallWaits listener = context.getBean(FirstCallWaits.class);
				String frame = "a".repeat(FRAME);
				try (LineClient client = new LineClient(server.getPort())) {
					// two frames (the first one's call waits), then part of a third, more than the
					// backlog (128 KiB) has room for: the server reads nothing more while it waits
					client.write(frame + "\r\n" + frame + "\r\n");
					assertThat(listener.started.await(30, TimeUnit.SECONDS)).isTrue();
					awaitReceived(server.getConnectionRegistry(), FRAME + 2);
					client.write(frame.substring(0, 40_000));
					// three frame timeouts while only the listener could free room
					await().during(Duration.ofSeconds(3))
						.atMost(Duration.ofSeconds(30))
						.until(() -> closed(registry, "frame_timeout") == 0
								&& server.getConnectionRegistry().getConnections().size() == 1);
					listener.release.countDown();
					client.write(frame.substring(40_000) + "\r\nlast\r\n");
					for (int i = 0; i < 3; i++) {
						assertThat(client.readLine()).isEqualTo("LEN " + FRAME);
					}
					assertThat(client.readLine()).isEqualTo("LEN 4");
				}
				finally {
					listener.release.countDown();
				}
				assertThat(closed(registry, "frame_timeout")).isZero();
			});
	}

	private static void awaitReceived(ConnectionRegistry connections, long bytes) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> connections.getConnections().size() == 1
					&& connections.getConnections().get(0).bytesReceived() >= bytes);
	}

	private static double closed(MeterRegistry registry, String reason) {
		return registry.get("ipc.tcp.connections.closed")
			.tags("name", "echo", "side", "server")
			.tag("reason", reason)
			.counter()
			.count();
	}

	@Configuration(proxyBeanMethods = false)
	static class FirstCallWaits {

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		private final AtomicInteger calls = new AtomicInteger();

		@TcpListener("echo")
		String onLine(String line) throws InterruptedException {
			if (this.calls.incrementAndGet() == 1) {
				this.started.countDown();
				this.release.await(30, TimeUnit.SECONDS);
			}
			return "LEN " + line.length();
		}

	}

}
