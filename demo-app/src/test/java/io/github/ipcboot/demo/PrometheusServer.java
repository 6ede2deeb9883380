package io.github.ipcboot.demo;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus server, run as a child process on loopback with its own configuration and
 * storage in a temporary folder, scraping one application every second. {@link #close()} stops
 * it ({@code SIGTERM}, then {@code SIGKILL}).
 */
final class PrometheusServer implements AutoCloseable {

	private static final Duration STOP_WAIT = Duration.ofSeconds(10);

	private final Process process;

	private final Path log;

	private final String baseUrl;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private PrometheusServer(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	/**
	 * Returns the {@code prometheus} executable on the {@code PATH}, if there is one.
	 */
	static Optional<Path> findBinary() {
		String path = System.getenv().getOrDefault("PATH", "");
		return Stream.of(path.split(File.pathSeparator))
			.filter((dir) -> !dir.isEmpty())
			.map((dir) -> Path.of(dir, "prometheus"))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/**
	 * Starts Prometheus scraping {@code 127.0.0.1:<appPort>/actuator/prometheus} every second
	 * and waits until it is ready.
	 */
	static PrometheusServer start(Path binary, Path folder, String job, int appPort) throws IOException {
		Path config = folder.resolve("prometheus.yml");
		Files.writeString(config, """
				global:
				  scrape_interval: 1s
				  evaluation_interval: 1s
				scrape_configs:
				  - job_name: %s
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: ["127.0.0.1:%d"]
				""".formatted(job, appPort));
		int port = freePort();
		Path log = folder.resolve("prometheus.log");
		Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
				"--storage.tsdb.path=" + folder.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
				"--log.level=warn")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		PrometheusServer server = new PrometheusServer(process, log, port);
		try {
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.failFast("prometheus exited; its log:\n" + server.logText(), () -> !process.isAlive())
				.until(server::isReady);
		}
		catch (RuntimeException | Error ex) {
			server.close();
			throw ex;
		}
		return server;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private boolean isReady() {
		try {
			return get("/-/ready").statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Evaluates an instant query.
	 */
	QueryResult query(String expr) {
		try {
			JsonNode body = this.json.readTree(get("/api/v1/query?query=" + encode(expr)).body());
			String status = body.path("status").asString();
			JsonNode result = body.path("data").path("result");
			return new QueryResult(expr, status, body.path("error").asString(""), result.size());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Query failed: " + expr, ex);
		}
	}

	/**
	 * Returns the values of a label, as Grafana's {@code label_values(label)}.
	 */
	List<String> labelValues(String label) {
		try {
			JsonNode body = this.json.readTree(get("/api/v1/label/" + encode(label) + "/values").body());
			List<String> values = new ArrayList<>();
			body.path("data").values().forEach((value) -> values.add(value.asString()));
			return values;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Label values failed: " + label, ex);
		}
	}

	String logText() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log) : "";
		}
		catch (IOException ex) {
			return "(log unreadable: " + ex + ")";
		}
	}

	private HttpResponse<String> get(String path) throws IOException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while calling " + path, ex);
		}
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The answer to an instant query.
	 *
	 * @param expr the query
	 * @param status {@code success} or {@code error}
	 * @param error the error message, or empty
	 * @param size how many series (or values) the result has
	 */
	record QueryResult(String expr, String status, String error, int size) {

		boolean isSuccess() {
			return "success".equals(this.status);
		}

	}

}
