package io.github.ipcboot.tcp.autoconfigure;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ipcboot.tcp.ConnectionRegistry;
import io.github.ipcboot.tcp.HeapUsage;
import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The backlog of a NIO connection is bounded in bytes: clients that pipeline large frames in
 * front of a listener that does not keep up, and never read, are held back by TCP; the heap they
 * cost stays within the budget stated in the README, while a well-behaved client is served.
 */
class NioBacklogTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final int CLIENTS = 20;

	private static final int FRAMES = 1_100;

	private static final int FRAME_SIZE = 65_000;

	private static final int MAX_FRAME_SIZE = 64 * 1024;

	/** A NIO connection's read buffer ({@code NioConnectionControl}), the most one socket read adds. */
	private static final long READ = 16 * 1024;

	/** The README's bound of the heap a NIO connection holds for what it has read. */
	private static final long PER_CONNECTION = READ + (2L * MAX_FRAME_SIZE + READ + 1024) + READ + 2L * MAX_FRAME_SIZE;

	/** What else a connection and its threads cost (objects, thread stacks are not heap). */
	private static final long MEASUREMENT_ALLOWANCE = 16L * 1024 * 1024;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
		.withUserConfiguration(BlockingListener.class)
		.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1",
				"ipc.tcp.servers.echo.io-mode=nio", "ipc.tcp.servers.echo.max-frame-size=64KB");

	@Test
	void clientsThatPipelineAndNeverReadShouldBeHeldBackWithinTheByteBudget() {
		this.contextRunner.run((context) -> {
			int port = context.getBean(TcpServers.class).port("echo");
			ConnectionRegistry registry = context.getBean(TcpServers.class).get("echo").getConnectionRegistry();
			BlockingListener listener = context.getBean(BlockingListener.class);
			ExecutorService writers = Executors.newFixedThreadPool(CLIENTS);
			List<Socket> hostile = new ArrayList<>();
			try (LineClient good = new LineClient(port)) {
				assertThat(good.request("warm-up")).isEqualTo("ACK warm-up");
				for (int i = 0; i < CLIENTS; i++) {
					hostile.add(new Socket(InetAddress.getLoopbackAddress(), port));
				}
				await().atMost(TIMEOUT).until(() -> registry.getOpenConnections() == CLIENTS + 1);
				long before = HeapUsage.usedAfterGc();
				AtomicInteger framesWritten = new AtomicInteger();
				for (Socket socket : hostile) {
					writers.execute(() -> pipeline(socket, framesWritten));
				}
				// every hostile connection has its first frame in the listener, more read behind it,
				// and its client held back: what the clients have written stops growing
				await().atMost(TIMEOUT).until(() -> listener.blocked.get() == CLIENTS);
				long[] lastCount = { -1 };
				await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
					long now = framesWritten.get();
					boolean stable = now == lastCount[0];
					lastCount[0] = now;
					return stable;
				});
				for (int i = 0; i < 20; i++) {
					assertThat(good.request("served " + i)).isEqualTo("ACK served " + i);
				}
				long growth = HeapUsage.usedAfterGc() - before;
				long bound = CLIENTS * PER_CONNECTION + MEASUREMENT_ALLOWANCE;
				System.out.printf("NIO backlog: %d clients x %d frames of %d bytes written %d frames; heap growth "
						+ "after GC %,d bytes (bound %,d = %d x %,d + %,d)%n", CLIENTS, FRAMES, FRAME_SIZE,
						framesWritten.get(), growth, bound, CLIENTS, PER_CONNECTION, MEASUREMENT_ALLOWANCE);
				assertThat(growth).isLessThanOrEqualTo(bound);
				// the clients are held back by TCP: far from everything they pipelined was taken
				assertThat(framesWritten.get()).isLessThan(CLIENTS * FRAMES);
				long received = registry.getConnections().stream().mapToLong(ConnectionRegistry.ConnectionInfo::bytesReceived).sum();
				assertThat(received).isLessThanOrEqualTo(CLIENTS * (2L * MAX_FRAME_SIZE + 2 * READ) + 64);
			}
			finally {
				for (Socket socket : hostile) {
					socket.close();
				}
				listener.release.countDown();
				writers.shutdownNow();
				assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
			}
		});
	}

	private static void pipeline(Socket socket, AtomicInteger framesWritten) {
		byte[] frame = new byte[FRAME_SIZE + 2];
		Arrays.fill(frame, (byte) 'x');
		frame[FRAME_SIZE] = '\r';
		frame[FRAME_SIZE + 1] = '\n';
		try {
			OutputStream out = socket.getOutputStream();
			for (int i = 0; i < FRAMES; i++) {
				out.write(frame);
				framesWritten.incrementAndGet();
			}
		}
		catch (IOException ex) {
			// closed at the end of the test while the write was held back
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class BlockingListener {

		final AtomicInteger blocked = new AtomicInteger();

		final CountDownLatch release = new CountDownLatch(1);

		@TcpListener("echo")
		String onFrame(byte[] frame) throws InterruptedException {
			if (frame.length < 1000) {
				return "ACK " + new String(frame, StandardCharsets.UTF_8);
			}
			// a listener far slower than its clients: each hostile connection's first frame waits
			this.blocked.incrementAndGet();
			this.release.await(60, TimeUnit.SECONDS);
			return null;
		}

	}

}
