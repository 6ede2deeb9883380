package io.github.ipcboot.shm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server stopped while its listener is busy beyond the stop's bound, then started again: the
 * reader thread left behind ends when its call returns, and only the new one reads.
 */
class ShmRestartTests {

	private static final int MESSAGES = 200;

	@TempDir
	Path directory;

	@RegisterExtension
	final StartedChannels channels = new StartedChannels();

	@Test
	void aRestartWhileAListenerCallOutlastsTheStopShouldLeaveOneReader() throws Exception {
		Path file = this.directory.resolve("restart");
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
		ShmServerChannel server = ShmTestChannels.server(ShmTestChannels.settings("restart", ShmRole.SERVER, file),
				(text) -> {
					if (text.equals("block")) {
						entered.countDown();
						awaitIgnoringInterrupts(release);
					}
					handled.computeIfAbsent(text, (key) -> new AtomicInteger()).incrementAndGet();
					return "re:" + text;
				});
		server.stopWaitMillis = 200;
		this.channels.start(server);
		ShmClient client = this.channels.attachedClient(ShmTestChannels.settings("restart-client", ShmRole.CLIENT, file));
		client.send("block");
		assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
		server.stop();
		server.start();
		release.countDown();
		await().atMost(Duration.ofSeconds(30)).until(() -> readerThreads("restart").size() == 1);
		await().atMost(Duration.ofSeconds(30)).until(() -> client.isAttached() && client.isPeerAlive()
				&& server.isPeerAlive());
		List<String> replies = new ArrayList<>();
		for (int i = 0; i < MESSAGES; i++) {
			replies.add(client.request("m" + i));
		}
		for (int i = 0; i < MESSAGES; i++) {
			assertThat(replies.get(i)).isEqualTo("re:m" + i);
			assertThat(handled.get("m" + i)).hasValue(1);
		}
		assertThat(readerThreads("restart")).hasSize(1);
	}

	private static List<Thread> readerThreads(String name) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().equals("shm-" + name))
			.toList();
	}

	private static void awaitIgnoringInterrupts(CountDownLatch latch) {
		// a listener that does not answer the stop's interrupt
		boolean interrupted = false;
		try {
			while (true) {
				try {
					assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
					return;
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
