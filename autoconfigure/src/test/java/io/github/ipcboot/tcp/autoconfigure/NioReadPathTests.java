package io.github.ipcboot.tcp.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter's own read path of plain NIO server connections ({@code NioFrameReader}): frames
 * split across reads, many frames in one read, oversized frames, bytes that are not frames, a
 * stream that ends inside a frame, each with a well-behaved client served alongside (a client that
 * never reads its replies: {@link NioHeldBackRepliesTests}).
 */
class NioReadPathTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Tags SERVER = Tags.of("name", "echo", "side", "server");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class, TcpMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withUserConfiguration(AckListener.class)
		.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1",
				"ipc.tcp.servers.echo.io-mode=nio");

	@Test
	void frameSentByteByByteShouldBeAnsweredWhileAnotherClientIsServed() {
		this.contextRunner.run((context) -> {
			int port = context.getBean(TcpServers.class).port("echo");
			try (Socket dribbler = connect(port); LineClient good = new LineClient(port)) {
				OutputStream out = dribbler.getOutputStream();
				byte[] frame = "dribbled frame\r\n".getBytes(StandardCharsets.US_ASCII);
				for (int i = 0; i < frame.length; i++) {
					out.write(frame[i]);
					out.flush();
					// a round trip of the other client between two bytes: each byte is its own read
					assertThat(good.request("good " + i)).isEqualTo("ACK good " + i);
				}
				assertThat(new LineClient(dribbler).readLine()).isEqualTo("ACK dribbled frame");
			}
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(count(registry, "ipc.tcp.frames.received")).isEqualTo(17);
		});
	}

	@Test
	void manyFramesInOneWriteShouldBeAnsweredInOrder() {
		this.contextRunner.run((context) -> {
			int port = context.getBean(TcpServers.class).port("echo");
			try (LineClient client = new LineClient(port); LineClient other = new LineClient(port)) {
				StringBuilder requests = new StringBuilder();
				for (int i = 0; i < 2_000; i++) {
					requests.append("request ").append(i).append("\r\n");
				}
				client.write(requests.toString());
				for (int i = 0; i < 2_000; i++) {
					assertThat(client.readLine()).isEqualTo("ACK request " + i);
					if (i % 500 == 0) {
						assertThat(other.request("other " + i)).isEqualTo("ACK other " + i);
					}
				}
			}
		});
	}

	@Test
	void oversizedFrameShouldBeAnsweredInItsTurnCountedAndCloseTheConnection() {
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.echo.max-frame-size=16B",
					"ipc.tcp.servers.echo.on-frame-too-large=reply")
			.run((context) -> {
				int port = context.getBean(TcpServers.class).port("echo");
				try (LineClient client = new LineClient(port); LineClient good = new LineClient(port)) {
					client.write("first\r\n" + "x".repeat(100) + "\r\nnever\r\n");
					assertThat(client.readLine()).isEqualTo("ACK first");
					assertThat(client.readLine()).isEqualTo("ERR FRAME_TOO_LARGE 16");
					assertThat(client.isClosedByServer()).isTrue();
					assertThat(good.request("still")).isEqualTo("ACK still");
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(count(registry, "ipc.tcp.frame.errors", "error", "too_large")).isEqualTo(1);
				assertThat(context.getBean(TcpServers.class).get("echo").getFramesTooLarge()).isEqualTo(1);
			});
	}

	@Test
	void lengthHeaderAnnouncingTooMuchShouldFailWithoutWaitingForTheBytes() {
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.echo.framing=length-header",
					"ipc.tcp.servers.echo.max-frame-size=1KB", "ipc.tcp.servers.echo.on-frame-too-large=close")
			.run((context) -> {
				int port = context.getBean(TcpServers.class).port("echo");
				try (Socket client = connect(port)) {
					client.getOutputStream().write(new byte[] { 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'a' });
					client.setSoTimeout((int) TIMEOUT.toMillis());
					assertThat(client.getInputStream().read()).isEqualTo(-1);
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(count(registry, "ipc.tcp.frame.errors", "error", "too_large"))
						.isEqualTo(1));
			});
	}

	@Test
	void bytesThatAreNotFramesShouldCloseTheConnectionAfterTheFramesBefore() {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.framing=stx-etx").run((context) -> {
			int port = context.getBean(TcpServers.class).port("echo");
			try (Socket client = connect(port); Socket good = connect(port)) {
				client.getOutputStream().write("\u0002one\u0003\u0002two\u0003garbage\u0002three\u0003".getBytes(
						StandardCharsets.US_ASCII));
				assertThat(readToTheEnd(client)).isEqualTo("\u0002ACK one\u0003\u0002ACK two\u0003");
				good.getOutputStream().write("\u0002fine\u0003".getBytes(StandardCharsets.US_ASCII));
				byte[] reply = new byte[10];
				good.setSoTimeout((int) TIMEOUT.toMillis());
				assertThat(good.getInputStream().readNBytes(reply, 0, 10)).isEqualTo(10);
				assertThat(new String(reply, StandardCharsets.US_ASCII)).isEqualTo("\u0002ACK fine\u0003");
			}
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(count(registry, "ipc.tcp.frame.errors", "error", "decode"))
					.isEqualTo(1));
		});
	}

	@Test
	void streamEndingInsideAFrameShouldAnswerTheFramesBeforeAndCountTheRest() {
		this.contextRunner.run((context) -> {
			int port = context.getBean(TcpServers.class).port("echo");
			try (LineClient client = new LineClient(port)) {
				client.write("one\r\ntwo\r\nthr");
				client.shutdownOutput();
				assertThat(client.readLine()).isEqualTo("ACK one");
				assertThat(client.readLine()).isEqualTo("ACK two");
				assertThat(client.readLine()).isNull();
			}
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(count(registry, "ipc.tcp.frame.errors", "error", "incomplete"))
					.isEqualTo(1));
			assertThat(count(registry, "ipc.tcp.frames.received")).isEqualTo(2);
		});
	}

	private static Socket connect(int port) throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
		socket.setTcpNoDelay(true);
		return socket;
	}

	private static String readToTheEnd(Socket socket) throws IOException {
		socket.setSoTimeout((int) TIMEOUT.toMillis());
		InputStream in = socket.getInputStream();
		ByteArrayOutputStream read = new ByteArrayOutputStream();
		in.transferTo(read);
		return read.toString(StandardCharsets.US_ASCII);
	}

	private static double count(MeterRegistry registry, String name, String... tags) {
		return registry.get(name).tags(SERVER).tags(tags).counter().count();
	}

	@Configuration(proxyBeanMethods = false)
	static class AckListener {

		@TcpListener("echo")
		String ack(String line) {
			return "ACK " + line;
		}

	}

}
