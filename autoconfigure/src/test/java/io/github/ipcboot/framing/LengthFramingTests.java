package io.github.ipcboot.framing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static io.github.ipcboot.framing.Frames.bytes;
import static io.github.ipcboot.framing.Frames.decodeAllText;
import static io.github.ipcboot.framing.Frames.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the framings of known length: {@code length-header}, {@code fixed} and {@code eof}.
 */
class LengthFramingTests {

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 4 })
	void lengthHeaderShouldWriteBigEndianUnsignedLengths(int headerSize) throws IOException {
		FrameCodec codec = Framing.lengthHeader(headerSize).createCodec();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] frame = new byte[200];
		codec.serialize(frame, out);
		byte[] written = out.toByteArray();
		assertThat(written).hasSize(headerSize + 200);
		assertThat(written[headerSize - 1] & 0xFF).isEqualTo(200);
		assertThat(Frames.decodeAll(codec, ReadMode.BUFFERED.open(written, 1))).containsExactly(frame);
	}

	@Test
	void lengthHeaderShouldRejectFramesItsHeaderCannotAnnounce() throws IOException {
		FrameCodec codec = Framing.lengthHeader(1).createCodec();
		assertThatExceptionOfType(FrameTooLargeException.class)
			.isThrownBy(() -> codec.serialize(new byte[256], new ByteArrayOutputStream()))
			.satisfies((ex) -> assertThat(ex.getLimit()).isEqualTo(255));
		// the largest length it can announce is still written
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		codec.serialize(new byte[255], out);
		assertThat(out.toByteArray()).hasSize(256).startsWith(0xff);
	}

	@Test
	void oversizedLengthShouldBeSkippedSoTheNextFrameDecodes() throws IOException {
		FrameCodec writer = Framing.lengthHeader(2).createCodec();
		FrameCodec reader = Framing.lengthHeader(2).withMaxFrameSize(10).createCodec();
		byte[] data = Frames.encode(writer,
				java.util.List.of(bytes("0123456789AB"), bytes("ok"), new byte[5000], bytes("end")));
		InputStream in = ReadMode.BUFFERED.open(data, 7);
		assertThatExceptionOfType(FrameTooLargeException.class).isThrownBy(() -> reader.deserialize(in))
			.satisfies((ex) -> {
				assertThat(ex.getLimit()).isEqualTo(10);
				assertThat(ex.getSize()).isEqualTo(12);
			})
			.withMessage("frame exceeds 10 bytes (the length header announces 12 bytes)");
		assertThat(text(reader.deserialize(in))).isEqualTo("ok");
		assertThatExceptionOfType(FrameTooLargeException.class).isThrownBy(() -> reader.deserialize(in));
		assertThat(text(reader.deserialize(in))).isEqualTo("end");
		assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(() -> reader.deserialize(in));
	}

	@Test
	void hostileLengthShouldNotAllocateTheAnnouncedSize() {
		FrameCodec codec = Framing.lengthHeader(4).withMaxFrameSize(Framing.LARGEST_MAX_FRAME_SIZE).createCodec();
		byte[] data = { 0x70, 0, 0, 0, 1, 2, 3 };
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		assertThatExceptionOfType(IncompleteFrameException.class)
			.isThrownBy(() -> codec.deserialize(ReadMode.BUFFERED.open(data)))
			.satisfies((ex) -> assertThat(ex.getExpected()).isEqualTo(4L + 0x70000000L));
		// memory follows the bytes that arrive, not the length a peer announces
		assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(2 * 1024 * 1024);
	}

	@ParameterizedTest
	@EnumSource(ReadMode.class)
	void fixedShouldCutExactLengths(ReadMode mode) throws IOException {
		FrameCodec codec = Framing.fixed(3).createCodec();
		assertThat(decodeAllText(codec, mode.open(bytes("abcdefghi"), 2))).containsExactly("abc", "def", "ghi");
		assertThatExceptionOfType(IncompleteFrameException.class)
			.isThrownBy(() -> decodeAllText(codec, mode.open(bytes("abcde"), 2)))
			.satisfies((ex) -> {
				assertThat(ex.getReceived()).isEqualTo(2);
				assertThat(ex.getExpected()).isEqualTo(3);
			});
	}

	@Test
	void fixedShouldRejectFramesOfAnotherLength() {
		assertThatExceptionOfType(MalformedFrameException.class)
			.isThrownBy(() -> Framing.fixed(4).createCodec().serialize(bytes("abc"), new ByteArrayOutputStream()))
			.withMessage("fixed framing writes frames of exactly 4 bytes, got 3");
	}

	@ParameterizedTest
	@EnumSource(ReadMode.class)
	void eofShouldReturnEverythingUntilTheStreamEnds(ReadMode mode) throws IOException {
		FrameCodec codec = Framing.eof().createCodec();
		assertThat(decodeAllText(codec, mode.open(bytes("a\nb\r\nc"), 1))).containsExactly("a\nb\r\nc");
		assertThat(decodeAllText(codec, mode.open(new byte[0]))).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(ReadMode.class)
	void eofShouldStopAtTheLimit(ReadMode mode) {
		FrameCodec codec = Framing.eof().withMaxFrameSize(100).createCodec();
		InputStream in = mode.open(new byte[10_000], 64);
		assertThatExceptionOfType(FrameTooLargeException.class).isThrownBy(() -> codec.deserialize(in))
			.satisfies((ex) -> assertThat(ex.getSize()).isGreaterThan(100));
	}

	@ParameterizedTest
	@EnumSource(ReadMode.class)
	void framesLargerThanTheBufferShouldSurviveUnevenReads(ReadMode mode) throws IOException {
		byte[] first = new byte[200_000];
		byte[] second = new byte[200_000];
		new java.util.Random(7).nextBytes(first);
		new java.util.Random(8).nextBytes(second);
		for (Framing framing : java.util.List.of(Framing.lengthHeader().withMaxFrameSize(1 << 20),
				Framing.fixed(200_000))) {
			FrameCodec codec = framing.createCodec();
			byte[] data = Frames.encode(codec, java.util.List.of(first, second));
			for (int chunk : new int[] { 1460, 7000, 65_536 }) {
				assertThat(Frames.decodeAll(codec, mode.open(data, chunk))).as("%s in reads of %d", framing, chunk)
					.containsExactly(first, second);
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "80", "ff", "8000", "ffff", "00008000", "0000ffff" })
	void lengthHeadersShouldBeUnsigned(String hexLength) throws IOException {
		int headerSize = hexLength.length() / 2;
		int length = Integer.parseInt(hexLength, 16);
		byte[] data = new byte[headerSize + length];
		for (int i = 0; i < headerSize; i++) {
			data[i] = (byte) Integer.parseInt(hexLength.substring(2 * i, 2 * i + 2), 16);
		}
		FrameCodec codec = Framing.lengthHeader(headerSize).createCodec();
		assertThat(codec.deserialize(ReadMode.BUFFERED_DEFAULT_SIZE.open(data, 1000))).hasSize(length);
	}

	@Test
	void fourByteLengthsWithTheHighBitSetShouldBeTooLargeNotNegative() {
		FrameCodec codec = Framing.lengthHeader(4).createCodec();
		byte[] data = { (byte) 0x80, 0, 0, 0, 1 };
		assertThatExceptionOfType(FrameTooLargeException.class)
			.isThrownBy(() -> codec.deserialize(ReadMode.BUFFERED.open(data)))
			.satisfies((ex) -> assertThat(ex.getSize()).isEqualTo(0x80000000L));
	}

}
