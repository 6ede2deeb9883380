package io.github.ipcboot.shm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/**
 * The JVM against the reference Python peer ({@code tools/ipcshm.py}, standard library only) in
 * both directions, and a Python peer killed with SIGKILL on either side.
 */
class ShmPythonPeerTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@TempDir
	Path directory;

	@BeforeAll
	static void needsPython() {
		assumeTrue(PythonPeer.isAvailable(), "python3 and tools/ipcshm.py are needed");
	}

	@Test
	void aPythonClientShouldGetTheRepliesOfTheJvmListener() throws Exception {
		Path file = this.directory.resolve("jvm-server");
		List<String> received = new CopyOnWriteArrayList<>();
		// small rings, so that the records wrap around the end of each ring (padding) several times
		ShmServerChannel server = ShmTestChannels.server(ShmTestChannels.settings("jvm", ShmRole.SERVER, file, 1024, 64),
				(text) -> {
					received.add(text);
					return "java:" + text;
				});
		server.start();
		List<String> words = new ArrayList<>(List.of("drei-ü"));
		for (int i = 0; i < 150; i++) {
			words.add("w" + i + "-".repeat(i % 17));
		}
		try (PythonPeer python = PythonPeer.start("request", file, words.toArray(String[]::new))) {
			assertThat(python.nextLine()).isEqualTo("attached");
			for (String word : words) {
				assertThat(python.nextLine()).isEqualTo("java:" + word);
			}
			assertThat(python.waitForExit()).isZero();
		}
		finally {
			server.stop();
		}
		assertThat(received).containsExactlyElementsOf(words);
		assertThat(file).doesNotExist();
	}

	@Test
	void aJvmClientShouldGetTheRepliesOfAPythonServer() throws Exception {
		Path file = this.directory.resolve("python-server");
		ShmClient client = new ShmClient(ShmTestChannels.settings("py", ShmRole.CLIENT, file));
		try (PythonPeer python = PythonPeer.start("serve", file, "--capacity", "1024", "--max-message-size", "64")) {
			assertThat(python.nextLine()).isEqualTo("ready");
			client.start();
			await().atMost(WAIT).until(() -> client.isAttached() && client.isPeerAlive());
			client.send("note");
			assertThat(python.nextLine()).isEqualTo("got: note");
			for (int i = 0; i < 200; i++) {
				assertThat(client.request("q" + i)).isEqualTo("py:q" + i);
			}
			python.close();
			assertThat(python.waitForExit()).isZero();
			assertThat(file).doesNotExist();
			await().atMost(WAIT).until(() -> !client.isAttached());
		}
		finally {
			client.stop();
		}
	}

	@Test
	void aKilledPythonClientShouldBeReportedGone() throws Exception {
		Path file = this.directory.resolve("killed-client");
		ShmServerChannel server = ShmTestChannels.server(ShmTestChannels.settings("jvm", ShmRole.SERVER, file),
				(text) -> text);
		server.start();
		try (PythonPeer python = PythonPeer.start("hold", file)) {
			assertThat(python.nextLine()).isEqualTo("attached");
			await().atMost(WAIT).until(server::isPeerAlive);
			assertThat(server.getState().peerPid()).isEqualTo(python.pid());
			python.kill();
			await().atMost(WAIT).until(() -> !server.isPeerAlive());
			assertThat(server.getStats().getPeerLosses()).isEqualTo(1);
			// the server makes room for the next client
			await().atMost(WAIT).until(() -> server.getState().peerPid() == 0);
		}
		finally {
			server.stop();
		}
	}

	@Test
	void aSecondClientShouldWaitWhileTheFirstLives() throws Exception {
		Path file = this.directory.resolve("one-client");
		ShmServerChannel server = ShmTestChannels.server(ShmTestChannels.settings("jvm", ShmRole.SERVER, file),
				(text) -> "jvm:" + text);
		server.start();
		ShmClient second = new ShmClient(ShmTestChannels.settings("jvm", ShmRole.CLIENT, file));
		try (PythonPeer first = PythonPeer.start("hold", file)) {
			assertThat(first.nextLine()).isEqualTo("attached");
			await().atMost(WAIT).until(server::isPeerAlive);
			second.start();
			assertThatExceptionOfType(ShmPeerUnavailableException.class).isThrownBy(() -> second.send("me too"));
			assertThat(second.isAttached()).isFalse();
			first.close();
			assertThat(first.waitForExit()).isZero();
			await().atMost(WAIT).until(second::isAttached);
			assertThat(second.request("now")).isEqualTo("jvm:now");
		}
		finally {
			second.stop();
			server.stop();
		}
	}

	@Test
	void aKilledPythonServerShouldFailTheWaitingRequestAndItsFileBeReplaced() throws Exception {
		Path file = this.directory.resolve("killed-server");
		ShmClient client = new ShmClient(ShmTestChannels.settings("py", ShmRole.CLIENT, file));
		try (PythonPeer python = PythonPeer.start("serve", file)) {
			assertThat(python.nextLine()).isEqualTo("ready");
			client.start();
			await().atMost(WAIT).until(() -> client.isAttached() && client.isPeerAlive());
			python.kill();
			assertThatExceptionOfType(ShmException.class).isThrownBy(() -> client.request("anyone?"));
			await().atMost(WAIT).until(() -> !client.isAttached());
			assertThat(client.getStats().getPeerLosses()).isEqualTo(1);
			assertThat(file).exists();
			ShmServerChannel server = ShmTestChannels.server(ShmTestChannels.settings("jvm", ShmRole.SERVER, file),
					(text) -> "jvm:" + text);
			server.start();
			try {
				await().atMost(WAIT).until(() -> client.isAttached() && client.isPeerAlive());
				assertThat(client.request("again")).isEqualTo("jvm:again");
			}
			finally {
				server.stop();
			}
		}
		finally {
			client.stop();
		}
	}

}
