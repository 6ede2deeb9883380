package io.github.ipcboot.shutdown;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ipcboot.tcp.LineClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The graceful shutdown of a real Spring Boot application in a child JVM, driven by real signals
 * sent with {@code kill}, with clients on loopback.
 */
class SignalShutdownTests {

	private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

	@TempDir
	Path logs;

	private ChildJvm start(String... extraArgs) throws IOException {
		return start(List.of(), extraArgs);
	}

	private ChildJvm start(List<String> jvmOptions, String... extraArgs) throws IOException {
		List<String> args = new ArrayList<>(List.of("--ipc.tcp.servers.work.port=0",
				"--ipc.tcp.servers.work.address=127.0.0.1", "--spring.main.banner-mode=off"));
		args.addAll(List.of(extraArgs));
		return ChildJvm.start(this.logs, jvmOptions, ShutdownTestApplication.class, args.toArray(String[]::new));
	}

	@Test
	void termUnderLoadShouldAnswerEveryHandledRequestAndExitZero() throws Exception {
		assertDrainUnderLoad("net");
	}

	@Test
	void termUnderLoadShouldAnswerEveryHandledRequestAndExitZeroWithNio() throws Exception {
		assertDrainUnderLoad("nio");
	}

	private void assertDrainUnderLoad(String ioMode) throws Exception {
		try (ChildJvm app = start("--ipc.shutdown.timeout=10s", "--ipc.tcp.servers.work.on-shutdown=reply",
				"--ipc.tcp.servers.work.io-mode=" + ioMode)) {
			int port = app.awaitPort("work");
			ExecutorService clients = Executors.newFixedThreadPool(16);
			try {
				List<LoadClient> loaders = new ArrayList<>();
				List<Future<?>> running = new ArrayList<>();
				for (int i = 0; i < 16; i++) {
					LoadClient loader = new LoadClient(port, i);
					loaders.add(loader);
					running.add(clients.submit(loader));
				}
				await().atMost(EXIT_TIMEOUT)
					.untilAsserted(() -> assertThat(loaders).allSatisfy((loader) -> assertThat(loader.done).hasValueGreaterThan(2)));
				app.signal("TERM");
				app.assertExit(0, Duration.ofSeconds(12));
				for (Future<?> loader : running) {
					loader.get(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				}
				String log = app.log();
				assertThat(log).contains("Commencing graceful shutdown").containsPattern("Graceful shutdown complete in \\d+ ms \\(drained\\)");
				int handled = Integer.parseInt(log.replaceAll("(?s).*handled=(\\d+).*", "$1"));
				System.out.println("Load test: " + handled + " requests handled, "
						+ log.lines().filter((line) -> line.startsWith("working")).count() + " started");
				assertThat(loaders.stream().mapToInt((loader) -> loader.done.get()).sum())
					.as("every request the server handled was answered").isEqualTo(handled);
				assertThat(loaders).allSatisfy((loader) -> assertThat(loader.halfFrame).as("half-written frame").isEmpty());
			}
			finally {
				clients.shutdownNow();
			}
		}
	}

	@Test
	void newConnectionsShouldBeRefusedWhileOpenOnesFinish() throws Exception {
		try (ChildJvm app = start("--ipc.shutdown.timeout=60s")) {
			int port = app.awaitPort("work");
			try (LineClient busy = new LineClient(port)) {
				// held until released below: the refusal is checked while the drain certainly waits
				busy.send("WORK 1 hold");
				app.awaitLog("working 1");
				app.signal("TERM");
				app.awaitLog("stopped accepting connections");
				assertThatExceptionOfType(ConnectException.class)
					.isThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close());
				assertThat(app.isAlive()).as("refused by the draining JVM, not by its end").isTrue();
				assertThat(app.log()).doesNotContain("handled=");
				app.release();
				assertThat(busy.readLine()).isEqualTo("DONE 1");
				assertThat(busy.isClosedByServer()).isTrue();
			}
			app.assertExit(0, EXIT_TIMEOUT);
			assertThat(app.log()).contains("(drained)").contains("handled=1");
		}
	}

	@Test
	void processStillRunningAtTheTimeoutShouldBeTerminatedWithItsTree() throws Exception {
		try (ChildJvm app = start("--ipc.shutdown.timeout=1s")) {
			int port = app.awaitPort("work");
			List<ProcessHandle> tree = new ArrayList<>();
			try (LineClient client = new LineClient(port)) {
				long pid = Long.parseLong(client.request("SPAWN").substring("PID ".length()));
				ProcessHandle root = ProcessHandle.of(pid).orElseThrow();
				await().atMost(EXIT_TIMEOUT).until(() -> root.descendants().count() == 2);
				tree.add(root);
				root.descendants().forEach(tree::add);
			}
			app.signal("TERM");
			app.assertExit(ShutdownResult.FORCED_EXIT_CODE, EXIT_TIMEOUT);
			assertThat(app.log()).containsPattern("Graceful shutdown aborted \\(forced\\) after \\d+ ms: 0 connections, 1 processes");
			await().atMost(EXIT_TIMEOUT).untilAsserted(() -> assertThat(tree).noneMatch(ProcessHandle::isAlive));
		}
	}

	@Test
	void secondTermDuringTheDrainShouldHaltWith143() throws Exception {
		assertThat(haltBySecondSignal("TERM", 143, "WORK 1 60000"))
			.contains("Received SIGTERM during the graceful shutdown: forced exit with code 143");
	}

	@Test
	void secondIntDuringTheDrainShouldHaltWith130() throws Exception {
		assertThat(haltBySecondSignal("INT", 130, "WORK 1 60000"))
			.contains("Received SIGINT during the graceful shutdown: forced exit with code 130");
	}

	@Test
	void secondSignalShouldWinOverTheDrainItsAbortEmptied() throws Exception {
		// the abort closes the connection, then spends 3 s in its close callback: the drain sees
		// no connection left long before the signal's own halt
		assertThat(haltBySecondSignal("INT", 130, "SLOWCLOSE 1 60000"))
			.contains("Graceful shutdown ended by a further signal")
			.contains("Received SIGINT during the graceful shutdown: forced exit with code 130 (0 processes killed, 1 connections closed)")
			.doesNotContain("Graceful shutdown complete");
	}

	/**
	 * Send a request whose listener works for a minute, then two signals: the second must halt
	 * the JVM with its code and close the connection.
	 * @return the application's log
	 */
	private String haltBySecondSignal(String signal, int expectedCode, String request) throws Exception {
		try (ChildJvm app = start("--ipc.shutdown.timeout=60s")) {
			int port = app.awaitPort("work");
			try (LineClient slow = new LineClient(port)) {
				slow.send(request);
				app.awaitLog("working 1");
				app.signal(signal);
				app.awaitLog("Commencing graceful shutdown");
				app.signal(signal);
				app.assertExit(expectedCode, Duration.ofSeconds(20));
				assertThat(slow.isClosedByServer()).isTrue();
				return app.log();
			}
		}
	}

	@Test
	void hangUpShouldPublishAnEventAndKeepServing() throws Exception {
		try (ChildJvm app = start()) {
			int port = app.awaitPort("work");
			try (LineClient client = new LineClient(port)) {
				assertThat(client.request("HUPS")).isEqualTo("HUPS 0");
				app.signal("HUP");
				app.awaitLog("Received SIGHUP; publishing a SignalReceivedEvent");
				app.awaitLog("earlier HUP handler called");
				await().atMost(EXIT_TIMEOUT).untilAsserted(() -> assertThat(client.request("HUPS")).isEqualTo("HUPS 1"));
				assertThat(client.request("WORK 7 1")).isEqualTo("DONE 7");
			}
			assertThat(app.isAlive()).isTrue();
			app.signal("TERM");
			app.assertExit(0, EXIT_TIMEOUT);
		}
	}

	@Test
	void disabledShutdownShouldLeaveTheJvmDefault() throws Exception {
		try (ChildJvm app = start("--ipc.shutdown.enabled=false")) {
			app.awaitPort("work");
			app.signal("TERM");
			app.assertExit(143, EXIT_TIMEOUT);
			assertThat(app.log()).doesNotContain("Commencing graceful shutdown");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "-Xrs", "-XX:+ReduceSignalUsage" })
	void reducedSignalUsageShouldSkipTheHandlersWithAWarning(String option) throws Exception {
		try (ChildJvm app = start(List.of(option))) {
			int port = app.awaitPort("work");
			app.awaitLog("The JVM runs with -Xrs \\(or -XX:\\+ReduceSignalUsage\\): no handler installed");
			try (LineClient client = new LineClient(port)) {
				assertThat(client.request("WORK 1 1")).isEqualTo("DONE 1");
			}
			// no handler: TERM takes the operating system's default action, a kill without a drain
			// (a handler would drain and exit 0; with -Xrs not even the JVM's shutdown hooks run)
			app.signal("TERM");
			app.assertExit(143, EXIT_TIMEOUT);
			assertThat(app.log()).doesNotContain("Received SIGTERM")
				.doesNotContain("Commencing graceful shutdown")
				.doesNotContain("handled=");
		}
	}

	/**
	 * Sends {@code WORK} requests one after another until the server refuses or closes; counts
	 * the {@code DONE} replies and keeps any bytes of a reply that ended without its CRLF.
	 */
	static final class LoadClient implements Runnable {

		private final int port;

		private final int number;

		final AtomicInteger done = new AtomicInteger();

		final StringBuilder halfFrame = new StringBuilder();

		LoadClient(int port, int number) {
			this.port = port;
			this.number = number;
		}

		@Override
		public void run() {
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
				socket.setSoTimeout(20_000);
				OutputStream out = socket.getOutputStream();
				InputStream in = socket.getInputStream();
				for (int i = 0;; i++) {
					String id = this.number + "-" + i;
					out.write(("WORK " + id + " 50\r\n").getBytes(StandardCharsets.US_ASCII));
					out.flush();
					String reply = readLine(in);
					if (reply == null) {
						return;
					}
					if (reply.equals("DONE " + id)) {
						this.done.incrementAndGet();
					}
					else if (!reply.equals("ERR SHUTTING_DOWN")) {
						throw new AssertionError("unexpected reply " + reply + " to " + id);
					}
				}
			}
			catch (ConnectException ex) {
				// refused: the server no longer accepts
			}
			catch (IOException ex) {
				// reset or closed while sending: the request was not read
			}
		}

		private String readLine(InputStream in) throws IOException {
			StringBuilder line = new StringBuilder();
			while (true) {
				int b;
				try {
					b = in.read();
				}
				catch (IOException ex) {
					b = -1;
				}
				if (b == -1) {
					this.halfFrame.append(line);
					return null;
				}
				line.append((char) b);
				if (line.length() >= 2 && line.charAt(line.length() - 2) == '\r' && line.charAt(line.length() - 1) == '\n') {
					return line.substring(0, line.length() - 2);
				}
			}
		}

	}

}
