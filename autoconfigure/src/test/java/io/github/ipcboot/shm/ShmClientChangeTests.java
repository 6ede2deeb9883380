package io.github.ipcboot.shm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * A server whose client changes: the requests and replies of the client before are never
 * answered to or taken by the next one, and a client that wrote a corrupt record is given up
 * without stopping the server for the next.
 */
class ShmClientChangeTests {

	@TempDir
	Path directory;

	@RegisterExtension
	final StartedChannels channels = new StartedChannels();

	private static long deadPid() throws Exception {
		Process process = new ProcessBuilder("true").start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return process.pid();
	}

	@Test
	void aNewClientShouldNeverGetTheRepliesToTheRequestsOfTheClientBefore() throws Exception {
		Path file = this.directory.resolve("restart");
		ShmChannelSettings serverSettings = ShmTestChannels.settings("test", ShmRole.SERVER, file);
		ShmServerChannel server = this.channels.start(ShmTestChannels.server(serverSettings, (text) -> "re:" + text));
		try (ShmFile view = ShmFile.open(file)) {
			// a client process that sent requests 1 to 5 (ids as every client counted them before) and died
			view.header().heartbeat(ShmRole.CLIENT, System.currentTimeMillis());
			view.header().pid(ShmRole.CLIENT, deadPid());
			RingWriter old = new RingWriter(view.requestRing(), serverSettings, new ShmStats(), "old client");
			for (long id = 1; id <= 5; id++) {
				old.write(ShmLayout.TYPE_REQUEST, id, ("old-" + id).getBytes(StandardCharsets.UTF_8));
			}
			// the server answered them, found the client gone, dropped its replies and freed the place
			RingReader replies = new RingReader(view.replyRing(), 1024, "reply ring");
			await().atMost(Duration.ofSeconds(20)).until(() -> server.getStats().getReceived() == 5
					&& view.header().pid(ShmRole.CLIENT) == 0 && replies.used() == 0);
			assertThat(replies.read((type, id, body) -> fail("no reply expected"), 10)).isZero();
			ShmClient client = this.channels.start(new ShmClient(ShmTestChannels.settings("test", ShmRole.CLIENT, file)));
			await().atMost(Duration.ofSeconds(20)).until(() -> client.isAttached() && client.isPeerAlive());
			for (int i = 1; i <= 5; i++) {
				assertThat(client.request("new-" + i)).isEqualTo("re:new-" + i);
			}
		}
	}

	@Test
	void aClientShouldSkipTheRepliesLeftInTheReplyRingWhenItAttaches() {
		Path file = this.directory.resolve("left");
		ShmChannelSettings serverSettings = ShmTestChannels.settings("test", ShmRole.SERVER, file);
		this.channels.start(ShmTestChannels.server(serverSettings, (text) -> "re:" + text));
		try (ShmFile view = ShmFile.open(file)) {
			new RingWriter(view.replyRing(), serverSettings, new ShmStats(), "reply ring").write(ShmLayout.TYPE_REPLY, 1,
					"not yours".getBytes(StandardCharsets.UTF_8));
			ShmClient client = this.channels.start(new ShmClient(ShmTestChannels.settings("test", ShmRole.CLIENT, file)));
			await().atMost(Duration.ofSeconds(20)).until(() -> client.isAttached() && client.isPeerAlive());
			assertThat(client.request("mine")).isEqualTo("re:mine");
			assertThat(client.getStats().getReceived()).isEqualTo(1);
		}
	}

	@Test
	void correlationIdsShouldStartAtARandomPositiveValueInEveryClient() {
		PendingReplies first = new PendingReplies();
		PendingReplies second = new PendingReplies();
		long a = first.register(new CompletableFuture<>());
		long b = second.register(new CompletableFuture<>());
		assertThat(a).isNotEqualTo(b).isPositive().isLessThan(Long.MAX_VALUE / 2);
		assertThat(b).isPositive().isLessThan(Long.MAX_VALUE / 2);
		assertThat(first.register(new CompletableFuture<>())).isEqualTo(a + 1);
	}

	@Test
	void aCorruptRecordShouldGiveTheClientUpAndLetTheNextOneWork() {
		Path file = this.directory.resolve("corrupt");
		ShmServerChannel server = this.channels.start(
				ShmTestChannels.server(ShmTestChannels.settings("test", ShmRole.SERVER, file), (text) -> "re:" + text));
		try (ShmFile view = ShmFile.open(file)) {
			view.header().heartbeat(ShmRole.CLIENT, System.currentTimeMillis());
			view.header().pid(ShmRole.CLIENT, ProcessHandle.current().pid());
			// a hostile client: a record of an unknown type, then the tail past it
			view.requestRing().putInt(RecordDescriptor.typeOffset(0), 99);
			view.requestRing().putIntRelease(RecordDescriptor.lengthOffset(0), 32);
			view.requestRing()
				.putLongRelease(view.requestRing().capacity() - RingBufferDescriptor.TRAILER_LENGTH
						+ RingBufferDescriptor.TAIL_POSITION_OFFSET, 32);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> server.getCorruption() != null && view.header().pid(ShmRole.CLIENT) == 0);
		}
		ShmClient client = this.channels.start(new ShmClient(ShmTestChannels.settings("test", ShmRole.CLIENT, file)));
		await().atMost(Duration.ofSeconds(20)).until(() -> client.isAttached() && client.isPeerAlive());
		assertThat(client.request("after")).isEqualTo("re:after");
		await().atMost(Duration.ofSeconds(20)).until(() -> server.getCorruption() == null);
		assertThat(server.getStats().getCorruptRecords()).isEqualTo(1);
	}

}
