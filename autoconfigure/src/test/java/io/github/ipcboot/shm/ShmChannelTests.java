package io.github.ipcboot.shm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.TestThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A server and a client channel on one file in this JVM: messages, requests and their
 * correlation, backpressure, errors, and the file's life.
 */
class ShmChannelTests {

	@TempDir
	Path directory;

	@RegisterExtension
	final StartedChannels channels = new StartedChannels();

	private ShmClient attachedClient(Path file) {
		return this.channels.attachedClient(ShmTestChannels.settings("test", ShmRole.CLIENT, file));
	}

	private static void awaitRelease(CountDownLatch release) {
		try {
			assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void requestShouldGetTheListenersReplyAndSendShouldReachTheListener() throws Exception {
		Path file = this.directory.resolve("echo");
		List<String> received = new CopyOnWriteArrayList<>();
		this.channels.start(ShmTestChannels.server(ShmTestChannels.settings("test", ShmRole.SERVER, file), (text) -> {
			received.add(text);
			return "echo:" + text;
		}));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		ShmClient client = attachedClient(file);
		client.send("one-way");
		assertThat(client.request("hello")).isEqualTo("echo:hello");
		assertThat(received).containsExactly("one-way", "hello");
		assertThat(client.requestAsync("async".getBytes(), Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS))
			.asString()
			.isEqualTo("echo:async");
		assertThat(client.getStats().getSent()).isEqualTo(3);
		assertThat(client.getStats().getReceived()).isEqualTo(2);
	}

	@Test
	void concurrentRequestsShouldEachGetTheirOwnReply() throws Exception {
		Path file = this.directory.resolve("concurrent");
		this.channels.start(ShmTestChannels.server(ShmTestChannels.settings("test", ShmRole.SERVER, file), (text) -> "re:" + text));
		ShmClient client = attachedClient(file);
		List<CompletableFuture<Void>> threads = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			int thread = t;
			threads.add(TestThreads.runAsync(() -> {
				for (int i = 0; i < 500; i++) {
					String request = thread + "-" + i;
					assertThat(client.request(request)).isEqualTo("re:" + request);
				}
			}));
		}
		CompletableFuture.allOf(threads.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
	}

	@Test
	void aLateReplyShouldNeverBeTakenForTheNextRequestsReply() {
		Path file = this.directory.resolve("late");
		CountDownLatch release = new CountDownLatch(1);
		this.channels.start(ShmTestChannels.server(ShmTestChannels.settings("test", ShmRole.SERVER, file), (text) -> {
			if (text.equals("slow")) {
				awaitRelease(release);
			}
			return "re:" + text;
		}));
		ShmClient client = attachedClient(file);
		assertThatExceptionOfType(ShmTimeoutException.class)
			.isThrownBy(() -> client.request("slow".getBytes(), Duration.ofMillis(200)))
			.withMessageContaining("200 ms");
		release.countDown();
		assertThat(client.request("fast")).isEqualTo("re:fast");
		assertThat(client.getStats().getRequestTimeouts()).isEqualTo(1);
	}

	@Test
	void aFullRingShouldMakeTheSenderWaitThenFailWithATypedException() {
		Path file = this.directory.resolve("full");
		CountDownLatch release = new CountDownLatch(1);
		this.channels.start(ShmTestChannels.server(ShmTestChannels.settings("test", ShmRole.SERVER, file, 4096, 256), (text) -> {
			awaitRelease(release);
			return null;
		}));
		ShmClient client = attachedClient(file);
		byte[] message = new byte[200];
		assertThatExceptionOfType(ShmRingFullException.class).isThrownBy(() -> {
			for (int i = 0; i < 100; i++) {
				client.send(message);
			}
		}).withMessageContaining("4096 bytes").withMessageContaining("full-ring-timeout 500 ms");
		assertThat(client.getStats().getFullRingWaits()).isEqualTo(1);
		assertThat(client.getStats().getFullRingFailures()).isEqualTo(1);
		release.countDown();
		await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> client.send(message));
	}

	@Test
	void aListenerThatThrowsShouldGiveTheRequesterARemoteExceptionWithItsTypeOnly() {
		Path file = this.directory.resolve("error");
		ShmServerChannel server = this.channels.start(ShmTestChannels.server(ShmTestChannels.settings("test", ShmRole.SERVER, file), (text) -> {
			throw new IllegalArgumentException("password=hunter2 " + text);
		}));
		ShmClient client = attachedClient(file);
		// the type only: the exception's message may carry what the client must not see
		assertThatExceptionOfType(ShmRemoteException.class).isThrownBy(() -> client.request("way"))
			.withMessageEndingWith("listener failed: IllegalArgumentException")
			.withMessageNotContaining("hunter2")
			.withMessageNotContaining("way");
		assertThatExceptionOfType(ShmRemoteException.class).isThrownBy(() -> client.request("again"))
			.withMessageEndingWith("listener failed: IllegalArgumentException");
		assertThat(server.getStats().getListenerErrors()).isEqualTo(2);
	}

	@Test
	void aMessageOverTheMaxMessageSizeShouldBeRefusedBeforeItIsWritten() {
		Path file = this.directory.resolve("large");
		this.channels.start(ShmTestChannels.server(ShmTestChannels.settings("test", ShmRole.SERVER, file), (text) -> text));
		ShmClient client = attachedClient(file);
		assertThatExceptionOfType(ShmMessageTooLargeException.class).isThrownBy(() -> client.send(new byte[1025]))
			.withMessageContaining("1025 bytes")
			.withMessageContaining("1024 bytes");
		assertThat(client.getStats().getSent()).isZero();
	}

	@Test
	void aClientTheServerTookForGoneShouldAttachAgain() {
		Path file = this.directory.resolve("starved");
		ShmServerChannel server = this.channels.start(
				ShmTestChannels.server(ShmTestChannels.settings("test", ShmRole.SERVER, file), (text) -> "re:" + text));
		ShmClient client = attachedClient(file);
		try (ShmFile view = ShmFile.open(file)) {
			// what the server does when the client's heartbeat is older than peer-timeout
			view.header().pid(ShmRole.CLIENT, 0);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> view.header().pid(ShmRole.CLIENT) == ProcessHandle.current().pid());
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> client.isAttached() && client.isPeerAlive());
		assertThat(client.getStats().getPeerLosses()).isZero();
		assertThat(client.request("back")).isEqualTo("re:back");
		assertThat(server.isRunning()).isTrue();
	}

	@Test
	void aCleanStopShouldRemoveTheFileAndTellTheClient() {
		Path file = this.directory.resolve("stop");
		ShmServerChannel server = this.channels.start(
				ShmTestChannels.server(ShmTestChannels.settings("test", ShmRole.SERVER, file), (text) -> text));
		ShmClient client = attachedClient(file);
		server.stop();
		assertThat(file).doesNotExist();
		assertThatExceptionOfType(ShmPeerUnavailableException.class).isThrownBy(() -> client.request("anyone?"));
		await().atMost(Duration.ofSeconds(20)).until(() -> !client.isAttached());
	}

	@Test
	void aDrainingServerShouldRefuseNewMessagesAndReportTheMessageItHandles() {
		Path file = this.directory.resolve("drain");
		CountDownLatch release = new CountDownLatch(1);
		ShmServerChannel server = this.channels.start(
				ShmTestChannels.server(ShmTestChannels.settings("test", ShmRole.SERVER, file), (text) -> {
					awaitRelease(release);
					return "done";
				}));
		ShmClient client = attachedClient(file);
		CompletableFuture<byte[]> reply = client.requestAsync("work".getBytes(), Duration.ofSeconds(20));
		await().atMost(Duration.ofSeconds(20)).until(() -> server.getInFlight() == 1);
		server.beginDrain();
		assertThatExceptionOfType(ShmPeerUnavailableException.class).isThrownBy(() -> client.send("more"))
			.withMessageContaining("draining");
		assertThat(client.getInFlight()).isEqualTo(1);
		release.countDown();
		assertThat(reply.join()).asString().isEqualTo("done");
		await().atMost(Duration.ofSeconds(20)).until(() -> server.getInFlight() == 0);
	}

	@Test
	void aDrainingServerShouldStillHandleWhatTheClientWroteBeforeTheDrainBegan() {
		Path file = this.directory.resolve("drain-queued");
		CountDownLatch release = new CountDownLatch(1);
		List<String> received = new CopyOnWriteArrayList<>();
		ShmServerChannel server = this.channels.start(
				ShmTestChannels.server(ShmTestChannels.settings("test", ShmRole.SERVER, file), (text) -> {
					received.add(text);
					if (text.equals("first")) {
						awaitRelease(release);
					}
					return null;
				}));
		ShmClient client = attachedClient(file);
		client.send("first");
		await().atMost(Duration.ofSeconds(20)).until(() -> server.getInFlight() == 1);
		client.send("second");
		client.send("third");
		server.beginDrain();
		release.countDown();
		await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 3);
		assertThat(received).containsExactly("first", "second", "third");
	}

}
