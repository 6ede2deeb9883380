package io.github.ipcboot.tcp.autoconfigure;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The server timeouts against hostile peers, over loopback: {@code write-timeout} for a client that
 * does not read, {@code frame-timeout} for one that sends a frame byte by byte, each while a
 * well-behaved client is served; and replies that are not held back behind the slow remainder of
 * a large frame.
 */
class TcpServerTimeoutsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Tags SERVER = Tags.of("name", "echo", "side", "server");

	/** A reply far larger than what loopback socket buffers hold, so that its write blocks. */
	private static final int LARGE_REPLY = 8 * 1024 * 1024;

	final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class, TcpMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withUserConfiguration(Listener.class)
		.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1",
				"ipc.tcp.servers.echo.io-mode=" + ioMode());

	/**
	 * The I/O mode every test of this class runs with.
	 */
	String ioMode() {
		return "net";
	}

	@Test
	void clientThatNeverReadsShouldLoseItsConnectionAfterTheWriteTimeoutAndFreeItsSlot() {
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.echo.max-connections=1", "ipc.tcp.servers.echo.write-timeout=300ms")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				int port = context.getBean(TcpServers.class).port("echo");
				try (Socket deaf = connectWithSmallReceiveBuffer(port)) {
					send(deaf, "big " + LARGE_REPLY + "\r\nbig " + LARGE_REPLY + "\r\n");
					await().atMost(TIMEOUT)
						.untilAsserted(() -> assertThat(count(registry, "write_timeout")).isEqualTo(1));
					await().atMost(TIMEOUT).untilAsserted(() -> assertThat(active(registry)).isZero());
					deaf.setSoTimeout(10_000);
					if (ioMode().equals("net")) {
						// closed with a reset: what the client did not read is dropped, not delivered
						assertThatExceptionOfType(SocketException.class).isThrownBy(() -> readToTheEnd(deaf))
							.withMessageContaining("reset");
					}
					else {
						// NIO closes with a FIN (see the README): the client reads what was sent, then the end
						readToTheEnd(deaf);
					}
					try (LineClient next = new LineClient(port)) {
						for (int i = 0; i < 20; i++) {
							assertThat(next.request("hello " + i)).isEqualTo("ACK hello " + i);
						}
					}
				}
				assertThat(registry.get("ipc.tcp.connections.rejected").tags(SERVER).tag("reason", "max_connections")
					.counter().count()).isZero();
				assertThat(count(registry, "error")).isZero();
			});
	}

	@Test
	void slowReaderThatKeepsReadingShouldGetTheWholeReplyWhileAnotherClientIsServed() {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.write-timeout=1s").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			int port = context.getBean(TcpServers.class).port("echo");
			try (Socket slow = connectWithSmallReceiveBuffer(port); LineClient other = new LineClient(port)) {
				slow.setSoTimeout(10_000);
				send(slow, "big " + LARGE_REPLY + "\r\n");
				InputStream in = slow.getInputStream();
				long started = System.nanoTime();
				int total = 0;
				int step = 0;
				while (total < LARGE_REPLY + 2) {
					// 256 KiB, then a pause well within the write timeout: the reply makes progress
					total += readUpTo(in, Math.min(256 * 1024, LARGE_REPLY + 2 - total));
					if (step == LARGE_REPLY / (2 * 256 * 1024)) {
						// half the reply read, more than the write timeout after it began: still
						// one write in progress
						assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(1));
						assertThat(frames(registry, "ipc.tcp.frames.sent")).isEqualTo(step);
					}
					assertThat(other.request("step " + step)).isEqualTo("ACK step " + step);
					step++;
					pause(Duration.ofMillis(150));
				}
				assertThat(total).isEqualTo(LARGE_REPLY + 2);
				assertThat(slow.getInputStream().available()).isZero();
				assertThat(count(registry, "write_timeout")).isZero();
				send(slow, "hi\r\n");
				assertThat(new LineReader(in).readLine()).isEqualTo("ACK hi");
			}
		});
	}

	@Test
	void clientThatDribblesAFrameShouldBeClosedAfterTheFrameTimeoutWhileAnotherClientIsServed() {
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.echo.frame-timeout=1s", "ipc.tcp.servers.echo.idle-timeout=1m")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				int port = context.getBean(TcpServers.class).port("echo");
				try (LineClient patient = new LineClient(port); LineClient dribbler = new LineClient(port)) {
					assertThat(patient.request("before")).isEqualTo("ACK before");
					// a byte every 100 ms, never a whole line: each read is well within the idle
					// timeout, the frame is not
					await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
						sendQuietly(dribbler, "x");
						return count(registry, "frame_timeout") == 1;
					});
					// idle for longer than the frame timeout between two frames: still served
					assertThat(patient.request("after")).isEqualTo("ACK after");
					assertThat(dribbler.isClosedByServer()).isTrue();
				}
				assertThat(count(registry, "frame_timeout")).isEqualTo(1);
				assertThat(count(registry, "idle")).isZero();
			});
	}

	@Test
	void uploadThatOutlastsTheFrameTimeoutShouldNotBeCutOffWithEofFraming() {
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.echo.framing=eof", "ipc.tcp.servers.echo.frame-timeout=500ms",
					"ipc.tcp.servers.echo.idle-timeout=1m")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				int port = context.getBean(TcpServers.class).port("echo");
				try (Socket uploader = new Socket(InetAddress.getLoopbackAddress(), port)) {
					uploader.setSoTimeout((int) TIMEOUT.toMillis());
					// the whole stream is one frame: it keeps arriving for three frame timeouts
					StringBuilder sent = new StringBuilder();
					for (int i = 0; i < 15; i++) {
						send(uploader, "u");
						sent.append('u');
						pause(Duration.ofMillis(100));
					}
					uploader.shutdownOutput();
					String reply = new String(uploader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
					assertThat(reply).isEqualTo("ACK " + sent);
				}
				assertThat(count(registry, "frame_timeout")).isZero();
			});
	}

	@Test
	void replyShouldNotWaitForTheRestOfALargeFramePipelinedBehindItsRequest() {
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.echo.framing=length-header",
					"ipc.tcp.servers.echo.max-frame-size=1MB")
			.run((context) -> {
				int port = context.getBean(TcpServers.class).port("echo");
				try (Socket client = connectWithSmallReceiveBuffer(port)) {
					client.setSoTimeout(10_000);
					DataOutputStream out = new DataOutputStream(client.getOutputStream());
					DataInputStream in = new DataInputStream(client.getInputStream());
					byte[] large = "y".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
					out.writeInt(3);
					out.write("one".getBytes(StandardCharsets.US_ASCII));
					out.writeInt(large.length);
					out.write(large, 0, 100);
					out.flush();
					assertThat(readLengthFramed(in)).isEqualTo("ACK one");
					out.write(large, 100, large.length - 100);
					out.flush();
					assertThat(readLengthFramed(in)).isEqualTo("ACK " + large.length + " bytes");
				}
			});
	}

	@Test
	void oneWatchdogThreadShouldWatchEveryConnectionOfAServer() {
		this.contextRunner.run((context) -> {
			int port = context.getBean(TcpServers.class).port("echo");
			List<LineClient> clients = new ArrayList<>();
			try {
				for (int i = 0; i < 20; i++) {
					clients.add(new LineClient(port));
					assertThat(clients.get(i).request("hi " + i)).isEqualTo("ACK hi " + i);
				}
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(watchdogThreads()).isEqualTo(1));
			}
			finally {
				for (LineClient client : clients) {
					client.close();
				}
			}
		});
	}

	@Test
	void serverWithoutTimeoutsShouldRunNoWatchdogThread() {
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.echo.write-timeout=0", "ipc.tcp.servers.echo.frame-timeout=0")
			.run((context) -> {
				try (LineClient client = new LineClient(context.getBean(TcpServers.class).port("echo"))) {
					assertThat(client.request("hi")).isEqualTo("ACK hi");
					await().atMost(TIMEOUT).untilAsserted(() -> assertThat(watchdogThreads()).isZero());
				}
			});
	}

	private static long watchdogThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("ipc-tcp-echo-watchdog-"))
			.count();
	}

	private static void readToTheEnd(Socket socket) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		while (socket.getInputStream().read(buffer) != -1) {
			// what the server wrote before it closed
		}
	}

	static Socket connectWithSmallReceiveBuffer(int port) throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(16 * 1024);
		socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
		return socket;
	}

	static void send(Socket socket, String text) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static void sendQuietly(LineClient client, String text) {
		try {
			client.write(text);
		}
		catch (IOException ex) {
			// closed by the server
		}
	}

	private static int readUpTo(InputStream in, int count) throws IOException {
		byte[] buffer = new byte[count];
		int read = 0;
		while (read < count) {
			int n = in.read(buffer, read, count - read);
			assertThat(n).as("bytes read").isPositive();
			read += n;
		}
		return read;
	}

	/**
	 * Stand for a reader that is slow (not a wait for something to happen).
	 */
	private static void pause(Duration duration) throws InterruptedException {
		Thread.sleep(duration.toMillis());
	}

	private static String readLengthFramed(DataInputStream in) throws IOException {
		byte[] frame = new byte[in.readInt()];
		in.readFully(frame);
		return new String(frame, StandardCharsets.UTF_8);
	}

	static double count(MeterRegistry registry, String reason) {
		return registry.get("ipc.tcp.connections.closed").tags(SERVER).tag("reason", reason).counter().count();
	}

	private static double frames(MeterRegistry registry, String name) {
		return registry.get(name).tags(SERVER).counter().count();
	}

	private static double active(MeterRegistry registry) {
		return registry.get("ipc.tcp.connections.active").tags(SERVER).gauge().value();
	}

	/**
	 * Reads CRLF lines from a stream whose earlier bytes were read raw.
	 */
	private record LineReader(InputStream in) {

		String readLine() throws IOException {
			StringBuilder line = new StringBuilder();
			int b;
			while ((b = this.in.read()) >= 0 && b != '\n') {
				if (b != '\r') {
					line.append((char) b);
				}
			}
			return line.toString();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Listener {

		@TcpListener("echo")
		String onFrame(String frame) {
			if (frame.startsWith("big ")) {
				return "x".repeat(Integer.parseInt(frame.substring(4)));
			}
			return "ACK " + ((frame.length() > 1000) ? frame.length() + " bytes" : frame);
		}

	}

}
