package io.github.ipcboot.framing;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static io.github.ipcboot.framing.Frames.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Behaviour every codec must have.
 */
class AllFramingsTests {

	private static final byte[] PAYLOAD = bytes("abcdefgh");

	@ParameterizedTest
	@MethodSource("io.github.ipcboot.framing.Samples#framings")
	void emptyStreamShouldEndCleanly(Framing framing) {
		for (ReadMode mode : ReadMode.values()) {
			assertThatExceptionOfType(SoftEndOfStreamException.class)
				.isThrownBy(() -> framing.createCodec().deserialize(mode.open(new byte[0])));
		}
	}

	@ParameterizedTest
	@MethodSource("io.github.ipcboot.framing.Samples#framings")
	void framesShouldRoundTripWithOneByteReadsAndManyFramesPerRead(Framing framing) throws IOException {
		FrameCodec codec = framing.createCodec();
		List<byte[]> frames = List.of(PAYLOAD, PAYLOAD, PAYLOAD);
		byte[] data = Frames.encode(codec, frames);
		List<byte[]> expected = (framing.getType() == FramingType.EOF) ? List.of(data) : frames;
		for (ReadMode mode : ReadMode.values()) {
			assertThat(Frames.decodeAll(codec, mode.open(data, 1))).as(mode + " 1-byte reads")
				.containsExactlyElementsOf(expected);
			assertThat(Frames.decodeAll(codec, mode.open(data))).as(mode + " one read")
				.containsExactlyElementsOf(expected);
		}
	}

	@ParameterizedTest
	@MethodSource("io.github.ipcboot.framing.Samples#framingsWithFrameBoundaries")
	void streamEndingInsideAFrameShouldBeIncomplete(Framing framing) throws IOException {
		FrameCodec codec = framing.createCodec();
		byte[] data = Frames.encode(codec, List.of(PAYLOAD));
		for (ReadMode mode : ReadMode.values()) {
			for (int cut = 1; cut < data.length; cut++) {
				InputStream in = mode.open(Arrays.copyOf(data, cut), 3);
				int received = cut;
				assertThatExceptionOfType(IncompleteFrameException.class).as("%s cut after %d bytes", mode, cut)
					.isThrownBy(() -> codec.deserialize(in))
					.satisfies((ex) -> assertThat(ex.getReceived()).isEqualTo(received));
				assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(() -> codec.deserialize(in));
			}
		}
	}

	@ParameterizedTest
	@MethodSource("io.github.ipcboot.framing.Samples#framingsWithVariableLength")
	void frameOverTheLimitShouldBeRejectedAndTheNextOneRead(Framing framing) throws IOException {
		FrameCodec writer = framing.createCodec();
		FrameCodec reader = framing.withMaxFrameSize(32).createCodec();
		byte[] fits = bytes("x".repeat(32));
		byte[] data = Frames.encode(writer, List.of(fits, bytes("y".repeat(200)), PAYLOAD));
		for (int chunk : new int[] { 1, 5, 1000 }) {
			InputStream in = ReadMode.BUFFERED.open(data, chunk);
			assertThat(reader.deserialize(in)).isEqualTo(fits);
			assertThatExceptionOfType(FrameTooLargeException.class).isThrownBy(() -> reader.deserialize(in))
				.satisfies((ex) -> {
					assertThat(ex.getLimit()).isEqualTo(32);
					assertThat(ex.getSize()).isGreaterThan(32);
				})
				.withMessageStartingWith("frame exceeds 32 bytes (");
			assertThat(reader.deserialize(in)).isEqualTo(PAYLOAD);
			assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(() -> reader.deserialize(in));
		}
	}

	@ParameterizedTest
	@MethodSource("io.github.ipcboot.framing.Samples#framingsWithFrameBoundaries")
	void plainStreamShouldGiveUpOnlyTheBytesOfOneFrame(Framing framing) throws IOException {
		FrameCodec codec = framing.createCodec();
		int frameLength = Frames.encode(codec, List.of(PAYLOAD)).length;
		ChunkedInputStream in = new ChunkedInputStream(Frames.encode(codec, List.of(PAYLOAD, PAYLOAD)));
		assertThat(codec.deserialize(in)).isEqualTo(PAYLOAD);
		assertThat(in.position()).isEqualTo(frameLength);
	}

	@ParameterizedTest
	@MethodSource("io.github.ipcboot.framing.Samples#framingsWithFrameBoundaries")
	void oneCodecShouldServeInterleavedConnectionsIndependently(Framing framing) throws IOException {
		FrameCodec codec = framing.createCodec();
		byte[] other = bytes("12345678");
		InputStream first = ReadMode.BUFFERED.open(Frames.encode(codec, List.of(PAYLOAD, PAYLOAD)), 3);
		InputStream second = ReadMode.BUFFERED.open(Frames.encode(codec, List.of(other, other)), 5);
		assertThat(codec.deserialize(first)).isEqualTo(PAYLOAD);
		assertThat(codec.deserialize(second)).isEqualTo(other);
		assertThat(codec.deserialize(first)).isEqualTo(PAYLOAD);
		assertThat(codec.deserialize(second)).isEqualTo(other);
	}

	@ParameterizedTest
	@MethodSource("io.github.ipcboot.framing.Samples#framings")
	void everyCodecShouldBeANewInstance(Framing framing) {
		assertThat(framing.createCodec()).isNotSameAs(framing.createCodec());
		assertThat(framing.createCodec().getFraming()).isEqualTo(framing);
	}

	@ParameterizedTest
	@MethodSource("io.github.ipcboot.framing.Samples#framingsOfUnknownLength")
	void oversizedInputShouldNeverGrowTheBufferPastTheLimit(Framing framing) {
		int limit = 64 * 1024;
		FrameCodec codec = framing.withMaxFrameSize(limit).createCodec();
		byte[] data = new byte[8 * 1024 * 1024];
		Arrays.fill(data, (byte) 'z');
		System.arraycopy(framing.getStart(), 0, data, 0, framing.getStart().length);
		FrameInputStream in = new FrameInputStream(new ChunkedInputStream(data, 8192));
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
			.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		assertThatExceptionOfType(FrameTooLargeException.class).isThrownBy(() -> codec.deserialize(in));
		long allocated = threads.getCurrentThreadAllocatedBytes() - before;
		assertThat(in.capacity()).isLessThanOrEqualTo(limit + 16);
		// the buffer doubles on its way to the limit: never near the 8 MiB that were offered
		assertThat(allocated).isLessThan(3L * limit);
	}

}
