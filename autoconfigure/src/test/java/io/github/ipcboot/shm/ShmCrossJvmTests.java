package io.github.ipcboot.shm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.ipcboot.shutdown.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A channel between two JVMs: this one the client, a Spring Boot application in a child JVM the
 * server; the child stopped with a real SIGTERM in the middle of a request (the graceful
 * shutdown finishes it, then removes the file).
 */
class ShmCrossJvmTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@TempDir
	Path directory;

	@Test
	void aClientShouldTalkToAServerInAnotherJvmThatDrainsOnSigterm() throws Exception {
		Path file = this.directory.resolve("echo");
		ShmClient client = new ShmClient(ShmTestChannels.settings("echo", ShmRole.CLIENT, file));
		try (ChildJvm server = ChildJvm.start(this.directory, List.of(AgronaAccess.JVM_OPTION.split(" ")),
				ShmTestApplication.class, "--ipc.shm.channels.echo.file=" + file,
				"--ipc.shm.channels.echo.capacity=64KB", "--ipc.shm.channels.echo.max-message-size=1KB",
				"--ipc.shutdown.drain-delay=0s")) {
			server.awaitLog("Shared-memory channel 'echo' serving at");
			client.start();
			await().atMost(WAIT).until(() -> client.isAttached() && client.isPeerAlive());
			for (int i = 0; i < 1000; i++) {
				assertThat(client.request("m" + i)).isEqualTo("jvm:" + server.pid() + ":m" + i);
			}
			CompletableFuture<byte[]> slow = client.requestAsync("slow:1500".getBytes(), WAIT);
			await().atMost(WAIT).until(() -> client.getStats().getSent() == 1001);
			server.signal("TERM");
			assertThat(slow.get()).asString().isEqualTo("jvm:" + server.pid() + ":slow:1500");
			server.assertExit(0, WAIT);
			assertThat(file).doesNotExist();
			await().atMost(WAIT).until(() -> !client.isAttached());
		}
		finally {
			client.stop();
		}
	}

}
