package io.github.ipcboot.shm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The reader of a ring against what a corrupt or hostile peer can write: random bytes in the ring
 * and its trailer, valid records with random bytes changed, and lengths made to pass one check
 * and fail the next. Every outcome must be messages within {@code max-message-size} or a
 * {@link ShmCorruptRecordException}: never an access outside the buffer (which is exactly the ring
 * and its trailer, with Agrona's bounds checks on), never a write outside the ring but to the head
 * position.
 */
class RingReaderFuzzTests {

	private static final int CAPACITY = 4096;

	private static final int MAX_BODY = 256;

	private static final int HEAD_POSITION = CAPACITY + RingBufferDescriptor.HEAD_POSITION_OFFSET;

	@TempDir
	Path directory;

	@Test
	void randomBytesInTheRingAndTrailerShouldGiveMessagesOrTypedErrorsOnly() {
		for (int seed = 0; seed < 3000; seed++) {
			Random random = new Random(seed);
			byte[] bytes = new byte[CAPACITY + RingBufferDescriptor.TRAILER_LENGTH];
			random.nextBytes(bytes);
			if (random.nextBoolean()) {
				// a plausible head, so that the records are looked at, not only the position
				new UnsafeBuffer(bytes).putLong(HEAD_POSITION, (random.nextInt(1 << 20)) * 8L);
			}
			readAll(bytes, seed);
		}
	}

	@Test
	void validRecordsWithRandomBytesChangedShouldGiveMessagesOrTypedErrorsOnly() {
		for (int seed = 0; seed < 3000; seed++) {
			Random random = new Random(seed);
			byte[] bytes = new byte[CAPACITY + RingBufferDescriptor.TRAILER_LENGTH];
			UnsafeBuffer buffer = new UnsafeBuffer(bytes);
			OneToOneRingBuffer ring = new OneToOneRingBuffer(buffer);
			for (int i = 0; i < 20; i++) {
				byte[] body = new byte[8 + random.nextInt(MAX_BODY)];
				ring.write(ShmLayout.TYPE_SEND, new UnsafeBuffer(body), 0, body.length);
			}
			for (int i = 0; i < 1 + random.nextInt(8); i++) {
				bytes[random.nextInt(bytes.length)] = (byte) random.nextInt();
			}
			readAll(bytes, seed);
		}
	}

	private void readAll(byte[] bytes, int seed) {
		byte[] trailer = Arrays.copyOfRange(bytes, CAPACITY, bytes.length);
		RingReader reader = new RingReader(new UnsafeBuffer(bytes), MAX_BODY, "fuzzed ring");
		List<byte[]> bodies = new ArrayList<>();
		try {
			for (int i = 0; i < 10; i++) {
				reader.read((type, correlationId, body) -> bodies.add(body), 100);
			}
		}
		catch (ShmCorruptRecordException ex) {
			assertThat(ex).hasMessageStartingWith("Corrupt fuzzed ring: ");
		}
		catch (RuntimeException ex) {
			fail("seed " + seed + ": " + ex, ex);
		}
		assertThat(bodies).allSatisfy((body) -> assertThat(body.length).isLessThanOrEqualTo(MAX_BODY));
		// nothing in the trailer changed but the head position
		byte[] after = Arrays.copyOfRange(bytes, CAPACITY, bytes.length);
		int head = RingBufferDescriptor.HEAD_POSITION_OFFSET;
		Arrays.fill(trailer, head, head + 8, (byte) 0);
		Arrays.fill(after, head, head + 8, (byte) 0);
		assertThat(after).as("trailer after seed %d", seed).isEqualTo(trailer);
	}

	@Test
	void aLengthThatFitsTheRingButNotTheMaxMessageSizeShouldBeRefusedBeforeAnyAllocation() {
		byte[] bytes = new byte[CAPACITY + RingBufferDescriptor.TRAILER_LENGTH];
		UnsafeBuffer buffer = new UnsafeBuffer(bytes);
		buffer.putInt(0, CAPACITY - 8);
		buffer.putInt(4, ShmLayout.TYPE_REQUEST);
		RingReader reader = new RingReader(buffer, MAX_BODY, "ring");
		assertThatExceptionOfType(ShmCorruptRecordException.class)
			.isThrownBy(() -> reader.read((type, id, body) -> fail("no message expected"), 10))
			.withMessageContaining("body of " + (CAPACITY - 8 - 16) + " bytes")
			.withMessageContaining("0 to " + MAX_BODY);
	}

	@Test
	void aLengthPastTheEndOfTheRingShouldBeRefused() {
		byte[] bytes = new byte[CAPACITY + RingBufferDescriptor.TRAILER_LENGTH];
		UnsafeBuffer buffer = new UnsafeBuffer(bytes);
		buffer.putLong(HEAD_POSITION, CAPACITY - 64);
		buffer.putInt(CAPACITY - 64, 72);
		RingReader reader = new RingReader(buffer, MAX_BODY, "ring");
		assertThatExceptionOfType(ShmCorruptRecordException.class)
			.isThrownBy(() -> reader.read((type, id, body) -> fail("no message expected"), 10))
			.withMessageContaining("length 72; expected 8 to 64");
	}

	@Test
	void randomBytesWrittenIntoTheMappedFileOfARunningServerShouldGiveItsClientUpWithATypedError() {
		Path file = this.directory.resolve("fuzzed");
		ShmServerChannel server = ShmTestChannels.server(ShmTestChannels.settings("fuzzed", ShmRole.SERVER, file),
				(text) -> text);
		server.start();
		try (ShmFile peer = ShmFile.open(file)) {
			UnsafeBuffer ring = peer.requestRing();
			Random random = new Random(18);
			byte[] garbage = new byte[ring.capacity() - RingBufferDescriptor.TRAILER_LENGTH];
			random.nextBytes(garbage);
			ring.putBytes(0, garbage);
			// a positive length at the head, so that the reader looks at the garbage
			ring.putIntRelease(0, 1 + random.nextInt(Integer.MAX_VALUE - 1));
			await().atMost(Duration.ofSeconds(20)).until(() -> server.getCorruption() != null);
			assertThat(server.getCorruption()).hasMessageStartingWith("Corrupt request ring of shared-memory channel 'fuzzed'");
			assertThat(server.getStats().getCorruptRecords()).isEqualTo(1);
			assertThat(server.getStats().getReceived()).isZero();
			assertThat(server.isRunning()).isTrue();
			// the rings were reset: the garbage is gone, not read again
			assertThat(new RingReader(ring, MAX_BODY, "ring").used()).isZero();
			assertThat(ring.getInt(0)).isZero();
		}
		finally {
			server.stop();
		}
	}

}
