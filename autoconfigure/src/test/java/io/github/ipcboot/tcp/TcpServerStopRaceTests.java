package io.github.ipcboot.tcp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ipcboot.tcp.autoconfigure.TcpAutoConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connections that race a server's stop: a flood of connections from a few threads while the
 * server stops and starts again and again must leave no place in the gate, no tracked connection
 * and no session behind.
 */
class TcpServerStopRaceTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final int CYCLES = 12;

	private static final int FLOOD_THREADS = 3;

	final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
		.withUserConfiguration(AckListener.class)
		.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1");

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void connectionFloodDuringStopAndStartCyclesShouldLeaveNothingOpen(String ioMode) {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.io-mode=" + ioMode).run((context) -> {
			TcpServers servers = context.getBean(TcpServers.class);
			TcpServer server = servers.get("echo");
			AtomicInteger port = new AtomicInteger(servers.port("echo"));
			AtomicBoolean flooding = new AtomicBoolean(true);
			AtomicLong attempts = new AtomicLong();
			ExecutorService flood = Executors.newFixedThreadPool(FLOOD_THREADS);
			try {
				List<Future<?>> floods = new ArrayList<>();
				for (int i = 0; i < FLOOD_THREADS; i++) {
					int style = i;
					floods.add(flood.submit(() -> flood(port, flooding, attempts, style)));
				}
				for (int cycle = 0; cycle < CYCLES; cycle++) {
					long before = attempts.get();
					// the well-behaved client is served while the flood goes on
					try (LineClient client = new LineClient(port.get())) {
						assertThat(client.request("cycle " + cycle)).isEqualTo("ACK cycle " + cycle);
					}
					await().atMost(TIMEOUT).until(() -> attempts.get() > before + FLOOD_THREADS);
					servers.stop();
					servers.start();
					port.set(servers.port("echo"));
				}
				flooding.set(false);
				for (Future<?> future : floods) {
					future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				}
				try (LineClient client = new LineClient(port.get())) {
					assertThat(client.request("after the flood")).isEqualTo("ACK after the flood");
				}
				servers.stop();
				await().atMost(TIMEOUT).untilAsserted(() -> {
					assertThat(server.getGate().getActive()).as("gate").isZero();
					assertThat(server.getConnectionRegistry().getOpenConnections()).as("registry").isZero();
					assertThat(server.getOpenConnections()).as("sessions").isZero();
				});
			}
			finally {
				flooding.set(false);
				flood.shutdownNow();
				assertThat(flood.awaitTermination(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
			}
		});
	}

	/**
	 * Connect again and again: style 0 closes at once, style 1 sends frames and closes without
	 * reading, style 2 sends a frame and leaves the connection open until the server closes it.
	 */
	private static void flood(AtomicInteger port, AtomicBoolean flooding, AtomicLong attempts, int style) {
		List<Socket> open = new ArrayList<>();
		try {
			while (flooding.get()) {
				Socket socket = new Socket();
				try {
					socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port.get()), 1000);
					OutputStream out = socket.getOutputStream();
					if (style > 0) {
						out.write("one\r\ntwo\r\nthree\r\n".getBytes(StandardCharsets.US_ASCII));
					}
				}
				catch (IOException ex) {
					// refused while the server is stopped, or reset by it: try again
				}
				finally {
					attempts.incrementAndGet();
					if (style == 2 && open.size() < 50) {
						open.add(socket);
					}
					else {
						closeQuietly(socket);
					}
				}
			}
		}
		finally {
			open.forEach(TcpServerStopRaceTests::closeQuietly);
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closed anyway
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class AckListener {

		@TcpListener("echo")
		String onLine(String line) {
			return "ACK " + line;
		}

	}

}
