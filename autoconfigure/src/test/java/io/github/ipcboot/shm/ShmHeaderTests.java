package io.github.ipcboot.shm;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link ShmHeader#check}: what a peer wrote into the header is validated against the
 * file before the rings are mapped.
 */
class ShmHeaderTests {

	private static final Path PATH = Path.of("/dev/shm/test.ipc-shm");

	private static final int CAPACITY = 1024;

	private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(ShmLayout.HEADER_LENGTH));

	private final ShmHeader header = new ShmHeader(this.buffer);

	@Test
	void initialisedHeaderShouldPassTheCheckAndHaveTheMagic() {
		assertThat(this.header.hasMagic()).isFalse();
		this.header.initialise(CAPACITY, 100, 42, 1000);
		assertThat(this.header.hasMagic()).isTrue();
		assertThatNoException()
			.isThrownBy(() -> this.header.check(PATH, ShmLayout.fileLength(CAPACITY, CAPACITY)));
		assertThat(this.header.pid(ShmRole.SERVER)).isEqualTo(42);
		assertThat(this.header.pid(ShmRole.CLIENT)).isZero();
	}

	@Test
	void foreignMagicShouldBeRefused() {
		this.header.initialise(CAPACITY, 100, 42, 1000);
		this.buffer.putInt(0, 0x12345678);
		assertThatExceptionOfType(ShmFileException.class)
			.isThrownBy(() -> this.header.check(PATH, ShmLayout.fileLength(CAPACITY, CAPACITY)))
			.withMessage("Channel file " + PATH + " has magic 0x12345678 and version " + ShmLayout.VERSION
					+ "; expected 0x" + Integer.toHexString(ShmLayout.MAGIC) + " and " + ShmLayout.VERSION);
	}

	@Test
	void otherVersionShouldBeRefused() {
		this.header.initialise(CAPACITY, 100, 42, 1000);
		this.buffer.putInt(4, 1);
		assertThatExceptionOfType(ShmFileException.class)
			.isThrownBy(() -> this.header.check(PATH, ShmLayout.fileLength(CAPACITY, CAPACITY)))
			.withMessageContaining("and version 1; expected");
	}

	@Test
	void invalidRequestCapacityShouldBeRefused() {
		this.header.initialise(CAPACITY, 100, 42, 1000);
		this.buffer.putInt(ShmLayout.REQUEST_CAPACITY_OFFSET, 1000);
		assertThatExceptionOfType(ShmFileException.class)
			.isThrownBy(() -> this.header.check(PATH, ShmLayout.fileLength(CAPACITY, CAPACITY)))
			.withMessage("Channel file " + PATH + " declares rings of 1000 and 1024 bytes, which do not fit its "
					+ ShmLayout.fileLength(CAPACITY, CAPACITY) + " bytes");
	}

	@Test
	void invalidReplyCapacityShouldBeRefused() {
		this.header.initialise(CAPACITY, 100, 42, 1000);
		this.buffer.putInt(ShmLayout.REPLY_CAPACITY_OFFSET, ShmLayout.MAX_CAPACITY * 2);
		assertThatExceptionOfType(ShmFileException.class)
			.isThrownBy(() -> this.header.check(PATH, ShmLayout.fileLength(CAPACITY, CAPACITY)))
			.withMessageContaining("declares rings of 1024 and " + (ShmLayout.MAX_CAPACITY * 2) + " bytes");
	}

	@Test
	void capacitiesThatDoNotMatchTheFileLengthShouldBeRefused() {
		this.header.initialise(CAPACITY, 100, 42, 1000);
		assertThatExceptionOfType(ShmFileException.class)
			.isThrownBy(() -> this.header.check(PATH, ShmLayout.fileLength(CAPACITY, CAPACITY) - 1))
			.withMessageContaining("which do not fit its " + (ShmLayout.fileLength(CAPACITY, CAPACITY) - 1));
	}

	@Test
	void maxMessageSizeOutsideTheRingsShouldBeRefused() {
		long length = ShmLayout.fileLength(CAPACITY, CAPACITY);
		this.header.initialise(CAPACITY, 0, 42, 1000);
		assertThatExceptionOfType(ShmFileException.class).isThrownBy(() -> this.header.check(PATH, length))
			.withMessage("Channel file " + PATH + " declares a max message size of 0 bytes; its rings allow 1 to "
					+ ShmLayout.maxBodyLength(CAPACITY));
		this.header.initialise(CAPACITY, ShmLayout.maxBodyLength(CAPACITY) + 1, 42, 1000);
		assertThatExceptionOfType(ShmFileException.class).isThrownBy(() -> this.header.check(PATH, length))
			.withMessageContaining("max message size of " + (ShmLayout.maxBodyLength(CAPACITY) + 1) + " bytes");
	}

	@Test
	void capacityShouldBeAPowerOfTwoWithinTheBounds() {
		assertThat(ShmLayout.isValidCapacity(ShmLayout.MIN_CAPACITY)).isTrue();
		assertThat(ShmLayout.isValidCapacity(ShmLayout.MAX_CAPACITY)).isTrue();
		assertThat(ShmLayout.isValidCapacity(ShmLayout.MIN_CAPACITY / 2)).isFalse();
		assertThat(ShmLayout.isValidCapacity(ShmLayout.MAX_CAPACITY * 2)).isFalse();
		assertThat(ShmLayout.isValidCapacity(ShmLayout.MIN_CAPACITY + 8)).isFalse();
	}

	@Test
	void aPidAbovePidMaxOrAHeartbeatInTheFutureShouldNotCountAsAlive() {
		long now = System.currentTimeMillis();
		long self = ProcessHandle.current().pid();
		this.header.initialise(CAPACITY, 100, self, now);
		assertThat(this.header.isAlive(ShmRole.SERVER, now, 10_000)).isTrue();
		// ProcessHandle.of would truncate it to this process's pid
		this.header.pid(ShmRole.SERVER, (1L << 32) | self);
		assertThat(this.header.isAlive(ShmRole.SERVER, now, 10_000)).isFalse();
		this.header.pid(ShmRole.SERVER, self);
		this.header.heartbeat(ShmRole.SERVER, now + 60_000);
		assertThat(this.header.isAlive(ShmRole.SERVER, now, 10_000)).isFalse();
	}

}
