package io.github.ipcboot.tcp.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.TcpSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The replies that the starter's own NIO read path holds back while more requests of the same
 * read are buffered (flushed together once the read's frames are handled): a later frame of that
 * read that closes the connection does not lose them, whatever closes it, and a client slow to
 * read them is closed by the write timeout, not the frame timeout. Each with a well-behaved
 * client served alongside.
 */
class NioHeldBackRepliesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final int GOOD_FRAMES = 50;

	private static final Tags SERVER = Tags.of("name", "echo", "side", "server");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class, TcpMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withUserConfiguration(Listener.class)
		.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1",
				"ipc.tcp.servers.echo.io-mode=nio");

	@Test
	void oversizedFrameThatClosesShouldNotLoseTheRepliesBeforeIt() {
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.echo.max-frame-size=64B",
					"ipc.tcp.servers.echo.on-frame-too-large=close")
			.run((context) -> {
				assertRepliesThenClose(context.getBean(TcpServers.class).port("echo"), "x".repeat(100));
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(registry.get("ipc.tcp.frame.errors")
						.tags(SERVER)
						.tags("error", "too_large")
						.counter()
						.count()).isEqualTo(1));
			});
	}

	@Test
	void listenerErrorThatClosesShouldNotLoseTheRepliesBeforeIt() {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.on-listener-error=close")
			.run((context) -> assertRepliesThenClose(context.getBean(TcpServers.class).port("echo"), "fail"));
	}

	@Test
	void sessionClosedByTheListenerShouldNotLoseTheRepliesBeforeIt() {
		this.contextRunner
			.run((context) -> assertRepliesThenClose(context.getBean(TcpServers.class).port("echo"), "bye"));
	}

	/**
	 * A client that sends and never reads: TCP holds it back, then the write timeout closes it.
	 */
	@Test
	void clientSlowToReadHeldBackRepliesShouldBeClosedByTheWriteTimeoutNotTheFrameTimeout() {
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.echo.write-timeout=3s", "ipc.tcp.servers.echo.frame-timeout=1s")
			.run((context) -> {
				int port = context.getBean(TcpServers.class).port("echo");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				try (Socket deaf = connect(port); LineClient good = new LineClient(port)) {
					deaf.setReceiveBufferSize(4096);
					// short replies: those of a whole read fit the connection's write buffer, so a
					// write blocks only in the flush after the read, mostly while the rest of a
					// frame the read ended in is awaited
					byte[] requests = "small request, short reply\r\n".repeat(1_000)
						.getBytes(StandardCharsets.US_ASCII);
					CompletableFuture<Void> writing = WritingClient.writeUntilClosed(deaf, requests);
					await().atMost(TIMEOUT)
						.untilAsserted(() -> assertThat(closed(registry, "write_timeout") + closed(registry,
								"frame_timeout"))
							.isEqualTo(1));
					assertThat(closed(registry, "frame_timeout")).isZero();
					assertThat(closed(registry, "write_timeout")).isEqualTo(1);
					assertThat(good.request("served")).isEqualTo("ACK served");
					deaf.close();
					writing.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
				}
			});
	}

	/**
	 * One write of {@value #GOOD_FRAMES} good frames, one that closes the connection and one more:
	 * every good frame is answered, in order, then the connection closes.
	 */
	private static void assertRepliesThenClose(int port, String closing) throws IOException {
		try (LineClient client = new LineClient(port); LineClient good = new LineClient(port)) {
			StringBuilder requests = new StringBuilder();
			for (int i = 0; i < GOOD_FRAMES; i++) {
				requests.append("request ").append(i).append("\r\n");
			}
			client.write(requests + closing + "\r\nafter\r\n");
			for (int i = 0; i < GOOD_FRAMES; i++) {
				assertThat(client.readLine()).isEqualTo("ACK request " + i);
			}
			assertThat(client.isClosedByServer()).isTrue();
			assertThat(good.request("still")).isEqualTo("ACK still");
		}
	}

	private static double closed(MeterRegistry registry, String reason) {
		return registry.get("ipc.tcp.connections.closed").tags(SERVER).tags("reason", reason).counter().count();
	}

	private static Socket connect(int port) throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
		socket.setTcpNoDelay(true);
		return socket;
	}

	@Configuration(proxyBeanMethods = false)
	static class Listener {

		@TcpListener("echo")
		@Nullable String ack(String line, TcpSession session) {
			if (line.equals("fail")) {
				throw new IllegalStateException("the listener fails on purpose");
			}
			if (line.equals("bye")) {
				session.close();
				return null;
			}
			if (line.startsWith("small")) {
				return "S";
			}
			return "ACK " + line;
		}

	}

}
