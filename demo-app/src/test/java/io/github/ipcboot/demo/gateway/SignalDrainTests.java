package io.github.ipcboot.demo.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.ipcboot.demo.DemoApplication;
import io.github.ipcboot.demo.GatewayClient;
import io.github.ipcboot.demo.LocalFilesInitializer;
import io.github.ipcboot.shutdown.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo-app in a JVM of its own, stopped with a real {@code SIGTERM} while a client has a
 * {@code RUN} going and more requests queued behind it: the run finishes, the queued requests are
 * refused and never run, the shared-memory channel's file is removed, and the JVM exits 0 after a
 * clean drain.
 */
class SignalDrainTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** What the demo's shared-memory channel needs of the JVM (Agrona 2), as its pom gives every JVM. */
	private static final List<String> AGRONA_EXPORT = List.of("--add-exports",
			"java.base/jdk.internal.misc=ALL-UNNAMED");

	@TempDir
	Path logs;

	@Test
	@Timeout(120)
	void termWithRequestsQueuedBehindARunShouldRefuseThemAndDrainClean() throws Exception {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--ipc.tcp.servers.commands.port=0", "--ipc.tcp.servers.ingest.port=0", "--ipc.udp.endpoints.status.port=0",
				// FORWARD is not used: the client only needs a valid port
				"--ipc.tcp.clients.ingest.port=1",
				"--ipc.shutdown.drain-delay=0s", "--ipc.shutdown.timeout=10s", "--spring.main.banner-mode=off"));
		Map<String, Object> paths = LocalFilesInitializer.freshPaths();
		paths.forEach((property, value) -> args.add("--" + property + "=" + value));
		Path channelFile = Path.of((String) paths.get(LocalFilesInitializer.SHM_FILE));
		try (ChildJvm app = ChildJvm.start(this.logs, AGRONA_EXPORT, DemoApplication.class,
				args.toArray(String[]::new))) {
			int port = app.awaitPort(CommandGatewayListener.SERVER);
			assertThat(channelFile).exists();
			try (GatewayClient client = new GatewayClient(port)) {
				client.send("RUN sleep 3", "RUN sleep 59", "PING");
				await().atMost(WAIT).until(() -> sleeps(app).contains("3"));
				app.signal("TERM");
				assertThat(client.readLine()).matches("OK EXIT 0 \\d+");
				assertThat(client.readLine()).isEqualTo("ERR SHUTTING_DOWN");
				assertThat(client.readLine()).isEqualTo("ERR SHUTTING_DOWN");
				assertThat(client.isClosedByServer()).isTrue();
			}
			app.assertExit(0, WAIT);
			assertThat(app.log()).containsPattern("Graceful shutdown complete in \\d+ ms \\(drained\\)")
				.doesNotContain("Terminating");
			// the shared-memory channel drained with the rest: its server removes the file on a clean stop
			assertThat(channelFile).doesNotExist();
		}
	}

	/**
	 * The arguments of the {@code sleep} children the JVM runs now.
	 */
	private static List<String> sleeps(ChildJvm app) {
		return ProcessHandle.of(app.pid())
			.stream()
			.flatMap(ProcessHandle::descendants)
			.map(ProcessHandle::info)
			.filter((info) -> info.command().map((command) -> command.endsWith("/sleep")).orElse(false))
			.map((info) -> info.arguments().flatMap((args) -> Optional.ofNullable((args.length > 0) ? args[0] : null)))
			.flatMap(Optional::stream)
			.toList();
	}

}
