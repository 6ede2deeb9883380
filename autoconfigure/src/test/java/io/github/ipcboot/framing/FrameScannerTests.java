package io.github.ipcboot.framing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.ipcboot.framing.Frames.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link FrameScanner} finds the same frames, and reports the same errors, as the codec's
 * {@code deserialize} does, whatever the size of the reads that fill the buffer.
 */
class FrameScannerTests {

	private static final List<byte[]> FRAMES = List.of(bytes("abcdefgh"), bytes("12345678"), bytes("a\rb\r\nc"),
			bytes("xxxxxxxx"));

	@ParameterizedTest
	@MethodSource("io.github.ipcboot.framing.Samples#framingsWithFrameBoundaries")
	void scannerShouldFindTheFramesTheCodecReadsWhateverTheReads(Framing framing) throws IOException {
		FrameCodec codec = framing.createCodec();
		List<byte[]> frames = (framing.getType() == FramingType.FIXED)
				? FRAMES.stream().filter((frame) -> frame.length == 8).toList() : writable(codec);
		byte[] data = Frames.encode(codec, frames);
		List<byte[]> decoded = Frames.decodeAll(codec, ReadMode.BUFFERED.open(data));
		for (int chunk : new int[] { 1, 2, 3, 7, data.length }) {
			assertThat(scanAll(codec.newScanner(), data, chunk)).as("reads of %d bytes", chunk)
				.containsExactlyElementsOf(decoded);
		}
	}

	@ParameterizedTest
	@MethodSource("io.github.ipcboot.framing.Samples#framingsWithVariableLength")
	void frameOverTheLimitShouldBeReportedAsTheCodecReportsItAfterTheFramesBefore(Framing framing) throws IOException {
		FrameCodec writer = framing.createCodec();
		FrameCodec reader = framing.withMaxFrameSize(32).createCodec();
		byte[] fits = bytes("x".repeat(32));
		byte[] data = Frames.encode(writer, List.of(fits, bytes("y".repeat(200))));
		assertThatExceptionOfType(FrameTooLargeException.class)
			.isThrownBy(() -> Frames.decodeAll(reader, ReadMode.BUFFERED.open(data)));
		for (int chunk : new int[] { 1, 5, data.length }) {
			FrameScanner scanner = reader.newScanner();
			List<byte[]> found = new ArrayList<>();
			assertThatExceptionOfType(FrameTooLargeException.class)
				.isThrownBy(() -> scanAll(scanner, data, chunk, found))
				.satisfies((ex) -> {
					assertThat(ex.getLimit()).isEqualTo(32);
					assertThat(ex.getSize()).isGreaterThan(32);
					assertThat(ex.getMessage()).startsWith("frame exceeds 32 bytes (");
				});
			assertThat(found).containsExactly(fits);
		}
	}

	@ParameterizedTest
	@MethodSource("io.github.ipcboot.framing.Samples#framingsWithVariableLength")
	void largestFrameShouldFitTheLargestFrameBytes(Framing framing) throws IOException {
		FrameCodec codec = framing.withMaxFrameSize(100).createCodec();
		byte[] largest = bytes("z".repeat(100));
		byte[] data = Frames.encode(codec, List.of(largest));
		FrameScanner scanner = codec.newScanner();
		assertThat(data.length).isLessThanOrEqualTo(scanner.largestFrameBytes());
		assertThat(scanner.scan(data, 0, data.length)).isEqualTo(data.length);
	}

	@Test
	void bytesBeforeTheStartShouldBeMalformed() {
		FrameScanner scanner = Framing.stxEtx().createCodec().newScanner();
		byte[] data = bytes("garbage\u0002frame\u0003");
		assertThatExceptionOfType(MalformedFrameException.class).isThrownBy(() -> scanner.scan(data, 0, data.length))
			.withMessageContaining("expected the start sequence '\\x02' but read 0x67");
	}

	@Test
	void streamEndingInsideAFrameShouldBeIncomplete() {
		FrameScanner scanner = Framing.line().createCodec().newScanner();
		assertThat(scanner.endOfStream(0)).isNull();
		assertThat(scanner.endOfStream(5)).isInstanceOf(IncompleteFrameException.class)
			.satisfies((ex) -> assertThat(ex.getReceived()).isEqualTo(5));
	}

	@Test
	void eofFramingShouldNotBeScannable() {
		FrameCodec codec = Framing.eof().createCodec();
		assertThat(codec.isScannable()).isFalse();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(codec::newScanner);
	}

	private static List<byte[]> writable(FrameCodec codec) {
		List<byte[]> frames = new ArrayList<>();
		for (byte[] frame : FRAMES) {
			try {
				codec.serialize(frame, java.io.OutputStream.nullOutputStream());
				frames.add(frame);
			}
			catch (IOException ex) {
				// the framing cannot carry this frame
			}
		}
		return frames;
	}

	private static List<byte[]> scanAll(FrameScanner scanner, byte[] data, int chunk) throws FramingException {
		List<byte[]> found = new ArrayList<>();
		scanAll(scanner, data, chunk, found);
		return found;
	}

	/**
	 * What a non-blocking reader does: append each read to the buffer, take every complete frame.
	 */
	private static void scanAll(FrameScanner scanner, byte[] data, int chunk, List<byte[]> found)
			throws FramingException {
		int position = 0;
		int limit = 0;
		while (limit < data.length) {
			limit = Math.min(data.length, limit + chunk);
			int length;
			while ((length = scanner.scan(data, position, limit)) != FrameScanner.INCOMPLETE) {
				int offset = scanner.contentOffset();
				found.add(Arrays.copyOfRange(data, offset, offset + scanner.contentLength()));
				position += length;
			}
		}
		assertThat(position).isEqualTo(data.length);
	}

}
