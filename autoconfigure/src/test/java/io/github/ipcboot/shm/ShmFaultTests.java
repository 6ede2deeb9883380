package io.github.ipcboot.shm;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Channels against faults of their files and of their listeners: a file truncated under the
 * mapping, a listener slower than {@code peer-timeout}, and a file replaced at the path by
 * another server.
 */
class ShmFaultTests {

	@TempDir
	Path directory;

	@RegisterExtension
	final StartedChannels channels = new StartedChannels();

	private ShmClient attachedClient(ShmChannelSettings settings) {
		return this.channels.attachedClient(settings);
	}

	@Test
	void aTruncatedFileShouldBreakOnlyItsChannelsWhichStopCleanly() throws Exception {
		Path truncated = this.directory.resolve("truncated");
		Path healthy = this.directory.resolve("healthy");
		ShmServerChannel server = this.channels.start(
				ShmTestChannels.server(ShmTestChannels.settings("a", ShmRole.SERVER, truncated), (text) -> "a:" + text));
		ShmClient client = attachedClient(ShmTestChannels.settings("a", ShmRole.CLIENT, truncated));
		this.channels.start(ShmTestChannels.server(ShmTestChannels.settings("b", ShmRole.SERVER, healthy), (text) -> "b:" + text));
		ShmClient other = attachedClient(ShmTestChannels.settings("b", ShmRole.CLIENT, healthy));
		assertThat(client.request("before")).isEqualTo("a:before");
		// what any client can do: it maps the file read-write
		try (FileChannel channel = FileChannel.open(truncated, StandardOpenOption.WRITE)) {
			channel.truncate(ShmLayout.HEADER_LENGTH);
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> server.getBroken() != null);
		// found by the length check of the heartbeat or by the fault of the reader, whichever comes first
		assertThat(server.getBroken()).hasMessageContaining("stopped using " + truncated);
		assertThat(server.getState()).isNull();
		assertThat(server.getStats().getBrokenMappings()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThatExceptionOfType(ShmException.class).isThrownBy(() -> client.request("after")));
		assertThat(other.request("still")).isEqualTo("b:still");
		CompletableFuture<Void> stop = CompletableFuture.runAsync(server::stop);
		stop.get(30, TimeUnit.SECONDS);
		assertThat(server.isRunning()).isFalse();
		assertThat(truncated).doesNotExist();
		assertThat(other.request("after stop")).isEqualTo("b:after stop");
	}

	@Test
	void aListenerSlowerThanThePeerTimeoutShouldNotMakeTheServerLookGone() {
		Path file = this.directory.resolve("slow");
		Duration peerTimeout = Duration.ofMillis(1000);
		CountDownLatch release = new CountDownLatch(1);
		this.channels.start(ShmTestChannels.server(ShmTestChannels.settings("s", ShmRole.SERVER, file, 64 * 1024, 1024, peerTimeout),
				(text) -> {
					try {
						assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					return "done";
				}));
		ShmClient client = attachedClient(ShmTestChannels.settings("s", ShmRole.CLIENT, file, 64 * 1024, 1024, peerTimeout));
		CompletableFuture<byte[]> reply = client.requestAsync("slow".getBytes(), Duration.ofSeconds(20));
		try {
			// three peer-timeouts with the server's reader thread inside the listener
			await().during(Duration.ofMillis(3000)).atMost(Duration.ofSeconds(20)).until(client::isPeerAlive);
			assertThat(client.getStats().getPeerLosses()).isZero();
		}
		finally {
			release.countDown();
		}
		assertThat(reply.join()).asString().isEqualTo("done");
	}

	@Test
	void aStoppingServerShouldNotRemoveTheFileOfTheServerThatReplacedIt() throws Exception {
		Path file = this.directory.resolve("replaced");
		ShmServerChannel first = this.channels.start(
				ShmTestChannels.server(ShmTestChannels.settings("r", ShmRole.SERVER, file), (text) -> "1:" + text));
		// the first server's file is moved away (or was taken for stale): a second server creates its own
		Files.move(file, this.directory.resolve("moved"));
		ShmServerChannel second = this.channels.start(
				ShmTestChannels.server(ShmTestChannels.settings("r", ShmRole.SERVER, file), (text) -> "2:" + text));
		first.stop();
		assertThat(file).exists();
		ShmClient client = attachedClient(ShmTestChannels.settings("r", ShmRole.CLIENT, file));
		assertThat(client.request("who")).isEqualTo("2:who");
		second.stop();
		assertThat(file).doesNotExist();
	}

}
