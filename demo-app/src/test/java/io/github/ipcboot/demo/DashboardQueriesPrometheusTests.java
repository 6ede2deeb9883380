package io.github.ipcboot.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import io.github.ipcboot.demo.PrometheusServer.QueryResult;
import io.github.ipcboot.process.ProcessResult;
import io.github.ipcboot.process.ProcessService;
import io.github.ipcboot.process.ProcessSpec;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * End to end: the demo-app scraped by a real Prometheus (the {@code prometheus} executable,
 * Debian package {@code prometheus}), and every query of the Grafana dashboard
 * ({@code monitoring/grafana/ipc-dashboard.json}) evaluated against it after real TCP traffic
 * and real process runs: each must succeed and return data. Without the executable the test is
 * skipped, except in CI ({@code CI=true}), where it fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ipc.tcp.servers.commands.port=0", "ipc.udp.endpoints.status.port=0",
				"ipc.shutdown.drain-delay=0s",
				"ipc.tcp.servers.dashboard-e2e.port=0", "ipc.tcp.servers.dashboard-e2e.address=127.0.0.1",
				"ipc.tcp.servers.dashboard-e2e.framing=line", "ipc.tcp.servers.dashboard-e2e.max-frame-size=64B",
				"ipc.tcp.servers.dashboard-e2e.max-connections=2",
				"ipc.tcp.servers.dashboard-e2e.on-frame-too-large=reply-and-close",
				"ipc.tcp.servers.dashboard-e2e.on-listener-error=reply" })
// the demo's own servers on free ports too (see GatewayTest)
@ContextConfiguration(initializers = { FreeIngestPortInitializer.class, LocalFilesInitializer.class })
@Import(DashboardQueriesPrometheusTests.EchoListener.class)
@Timeout(300)
class DashboardQueriesPrometheusTests {

	private static final String APPLICATION = "ipc-demo-app";

	private static final Path DASHBOARD = Path.of("monitoring/grafana/ipc-dashboard.json");

	/**
	 * Name prefixes of dashboard meters that this branch does not register yet (they come with the
	 * TCP and shutdown meters). A query that reads only such meters must be valid PromQL but may
	 * return nothing; once any meter with the prefix is scraped the test fails until the prefix
	 * is removed here, so that those queries are checked in full.
	 */
	private static final Duration SCRAPED_WITHIN = Duration.ofSeconds(90);

	@TempDir
	static Path folder;

	private static PrometheusServer prometheus;

	@Value("${local.management.port}")
	private int port;

	@Autowired
	private ProcessService processService;

	@Autowired
	private TcpServers tcpServers;

	@AfterAll
	static void stopPrometheus() {
		if (prometheus != null) {
			prometheus.close();
		}
	}

	@Test
	void everyDashboardQueryShouldReturnDataFromPrometheus() throws Exception {
		Path binary = requirePrometheus();
		prometheus = PrometheusServer.start(binary, folder, APPLICATION, this.port);
		sendTcpTraffic(this.tcpServers.port("dashboard-e2e"));
		runProcesses();
		DashboardQueries dashboard = DashboardQueries.read(DASHBOARD,
				Map.of("application", APPLICATION, "instance", ".*", "__rate_interval", "30s"));
		assertThat(dashboard.variableNames()).contains("application", "instance");
		List<String> exprs = dashboard.exprs();
		assertThat(exprs).isNotEmpty();
		try {
			await().atMost(SCRAPED_WITHIN).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				assertThat(prometheus.labelValues("application")).contains(APPLICATION);
				dashboard.variableQueries()
					.forEach((name, query) -> assertThat(prometheus.query(query).size())
						.as("variable %s: %s", name, query)
						.isPositive());
				checkAll(exprs);
			});
		}
		catch (AssertionError | RuntimeException ex) {
			throw new AssertionError(ex.getMessage() + "\nprometheus log:\n" + prometheus.logText(), ex);
		}
		System.out.println("Dashboard queries checked against Prometheus, each with data: " + exprs.size());
	}

	/**
	 * Returns the prometheus executable; skips the test without one, or fails it in CI.
	 */
	private static Path requirePrometheus() {
		Optional<Path> found = PrometheusServer.findBinary();
		if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
			fail("CI=true but no prometheus executable is on the PATH: install the Debian package prometheus "
					+ "(.ci/run does so with apt-get)");
		}
		Assumptions.assumeTrue(found.isPresent(),
				"Skipping the dashboard queries against a real Prometheus: no prometheus executable on the PATH "
						+ "(install the Debian package prometheus; with CI=true this is a failure)");
		return found.get();
	}

	/**
	 * Evaluates every query: each must succeed and return data.
	 */
	private static void checkAll(List<String> exprs) {
		List<String> failures = new ArrayList<>();
		for (String expr : exprs) {
			QueryResult result = prometheus.query(expr);
			if (!result.isSuccess()) {
				failures.add(result.status() + " " + result.error() + ": " + expr);
			}
			else if (result.size() == 0) {
				failures.add("no data: " + expr);
			}
		}
		assertThat(failures).as("dashboard queries that failed or returned nothing").isEmpty();
	}

	/**
	 * Frames, a listener error and an oversized frame on one connection, a second connection,
	 * and a third one over max-connections.
	 */
	private static void sendTcpTraffic(int port) throws IOException {
		try (LineConnection first = new LineConnection(port); LineConnection second = new LineConnection(port)) {
			for (int i = 0; i < 3; i++) {
				assertThat(first.request("hello " + i)).isEqualTo("echo hello " + i);
			}
			assertThat(second.request("hello")).isEqualTo("echo hello");
			assertThat(first.request("boom")).startsWith("ERR");
			try (LineConnection rejected = new LineConnection(port)) {
				assertThat(rejected.readLine()).as("a connection over max-connections is closed").isNull();
			}
			assertThat(first.request("x".repeat(100))).startsWith("ERR FRAME_TOO_LARGE");
			assertThat(first.readLine()).as("closed after the oversized frame").isNull();
		}
	}

	private void runProcesses() {
		assertThat(this.processService.run(ProcessSpec.of("/bin/true")).isSuccess()).isTrue();
		ProcessResult failed = this.processService.run(ProcessSpec.shell("exit 3").check(false).build());
		assertThat(failed.exitCode()).isEqualTo(3);
		ProcessResult timedOut = this.processService
			.run(ProcessSpec.builder("sleep", "30").timeout(Duration.ofMillis(200)).check(false).build());
		assertThat(timedOut.outcome().name()).isEqualTo("TIMED_OUT");
	}

	/**
	 * A test-only server, {@code dashboard-e2e}, that echoes lines and fails on {@code boom}.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class EchoListener {

		@TcpListener("dashboard-e2e")
		String echo(String line) {
			if (line.equals("boom")) {
				throw new IllegalStateException("boom requested");
			}
			return "echo " + line;
		}

	}

	/**
	 * A blocking line client on loopback.
	 */
	private static final class LineConnection implements AutoCloseable {

		private final Socket socket;

		private final BufferedReader reader;

		private final OutputStream output;

		LineConnection(int port) throws IOException {
			this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
			this.socket.setSoTimeout(10_000);
			this.reader = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
			this.output = this.socket.getOutputStream();
		}

		String request(String line) throws IOException {
			this.output.write((line + "\n").getBytes(StandardCharsets.UTF_8));
			this.output.flush();
			return readLine();
		}

		String readLine() throws IOException {
			return this.reader.readLine();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
