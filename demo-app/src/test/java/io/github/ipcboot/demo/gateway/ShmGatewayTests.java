package io.github.ipcboot.demo.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.demo.GatewayTest;
import io.github.ipcboot.shm.ShmChannelSettings;
import io.github.ipcboot.shm.ShmChannels;
import io.github.ipcboot.shm.ShmClient;
import io.github.ipcboot.shm.ShmRole;
import io.github.ipcboot.shm.actuate.ShmChannelsHealthIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's {@code PING} and {@code ECHO} through the {@code gateway} shared-memory channel,
 * asked by the starter's {@link ShmClient} in this JVM and by the reference Python peer
 * ({@code tools/ipcshm.py}) in a process of its own, as the tour in docs/demo.md does; and the
 * channel in the Actuator {@code shm} endpoint, its health contributor and the Prometheus scrape. One client at a time: a channel has one
 * client process, so each test stops its client before it ends.
 */
@GatewayTest
class ShmGatewayTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** The reference peer, relative to the module directory that the tests run in. */
	private static final Path PYTHON_PEER = Path.of("..", "tools", "ipcshm.py");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Autowired
	private ShmChannels channels;

	@Autowired
	private ShmChannelsHealthIndicator health;

	@Value("${local.management.port}")
	private int managementPort;

	@TempDir
	Path output;

	@Test
	void channelFileShouldBeReadableAndWritableByItsOwnerOnly() throws IOException {
		Path file = serverSettings().file();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)))
			.isEqualTo("rw-------");
	}

	@Test
	void starterClientShouldGetTheGatewayRepliesThroughTheChannel() {
		ShmChannelSettings server = serverSettings();
		ShmClient client = new ShmClient(new ShmChannelSettings("gateway-test", ShmRole.CLIENT, server.file(),
				server.capacity(), server.maxMessageSize(), server.permissions(), server.idle(),
				server.fullRingTimeout(), WAIT, server.heartbeatInterval(), server.peerTimeout(), server.charset()));
		client.start();
		try {
			await().atMost(WAIT).until(() -> client.isAttached() && client.isPeerAlive());
			assertThat(client.request("ECHO through shared memory")).isEqualTo("OK through shared memory");
			assertThat(client.request("PING")).isEqualTo("OK PONG");
			assertThat(client.request("ECHO")).isEqualTo("ERR BAD_ARGS ECHO needs a text");
			assertThat(client.request("RUN date")).isEqualTo("ERR UNSUPPORTED RUN");
			assertThat(client.request("HELLO")).isEqualTo("ERR UNSUPPORTED HELLO");
		}
		finally {
			client.stop();
		}
	}

	@Test
	void pythonPeerShouldGetTheGatewayRepliesThroughTheChannel() throws Exception {
		assumeThat(pythonAvailable()).as("python3 is needed").isTrue();
		Path log = this.output.resolve("python.log");
		// the one-command client of the tour in docs/demo.md
		Process python = new ProcessBuilder("python3", "-u", PYTHON_PEER.toString(), "request",
				serverSettings().file().toString(), "ECHO hi from Python", "PING")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			assertThat(python.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("Python client exited").isTrue();
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			assertThat(python.exitValue()).as(String.join("\n", lines)).isZero();
			assertThat(lines).containsExactly("attached", "OK hi from Python", "OK PONG");
		}
		finally {
			python.destroyForcibly().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
		}
	}

	@Test
	void actuatorShouldShowTheChannel() throws Exception {
		HttpResponse<String> endpoint = get("/actuator/shm");
		assertThat(endpoint.statusCode()).isEqualTo(200);
		assertThat(endpoint.body()).contains("\"name\":\"gateway\"", "\"role\":\"server\"",
				"\"file\":\"" + serverSettings().file() + "\"");
		HttpResponse<String> prometheus = get("/actuator/prometheus");
		assertThat(prometheus.statusCode()).isEqualTo(200);
		assertThat(prometheus.body()).containsPattern("(?m)^ipc_shm_peer_alive\\{[^}]*name=\"gateway\"[^}]*\\} ");
		// the demo's health shows no components over HTTP (show-components: never), so ask the contributor
		Health health = this.health.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsKey(ShmGatewayListener.CHANNEL);
	}

	private ShmChannelSettings serverSettings() {
		return this.channels.get(ShmGatewayListener.CHANNEL).getSettings();
	}

	private HttpResponse<String> get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static boolean pythonAvailable() throws InterruptedException {
		try {
			Process probe = new ProcessBuilder("python3", "--version").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			boolean exited = probe.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
			probe.destroyForcibly();
			return exited && probe.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
