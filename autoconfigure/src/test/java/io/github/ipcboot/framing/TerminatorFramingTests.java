package io.github.ipcboot.framing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.github.ipcboot.framing.Frames.bytes;
import static io.github.ipcboot.framing.Frames.decodeAllText;
import static io.github.ipcboot.framing.Frames.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the terminator framings: {@code line}, {@code crlf}, {@code lf}, {@code terminator}.
 */
class TerminatorFramingTests {

	@ParameterizedTest
	@EnumSource(ReadMode.class)
	void lineShouldAcceptLfAndCrlfAndDropOnlyOneCarriageReturn(ReadMode mode) throws IOException {
		FrameCodec codec = Framing.line().createCodec();
		assertThat(decodeAllText(codec, mode.open(bytes("a\nb\r\n\r\nc\r\r\nd\re\n"), 1)))
			.containsExactly("a", "b", "", "c\r", "d\re");
	}

	@Test
	void lineShouldWriteCrlf() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Framing.line().createCodec().serialize(bytes("PING"), out);
		assertThat(text(out.toByteArray())).isEqualTo("PING\r\n");
	}

	@Test
	void lineShouldCountTheCarriageReturnOutsideTheLimit() throws IOException {
		FrameCodec codec = Framing.line().withMaxFrameSize(4).createCodec();
		assertThat(decodeAllText(codec, ReadMode.BUFFERED.open(bytes("abcd\r\nabcd\n"), 1))).containsExactly("abcd",
				"abcd");
	}

	@ParameterizedTest
	@EnumSource(ReadMode.class)
	void crlfShouldKeepLoneCarriageReturnsAndLineFeeds(ReadMode mode) throws IOException {
		FrameCodec codec = Framing.crlf().createCodec();
		assertThat(decodeAllText(codec, mode.open(bytes("a\rb\nc\r\n\r\nd\r\r\n"), 3))).containsExactly("a\rb\nc",
				"", "d\r");
	}

	@ParameterizedTest
	@EnumSource(ReadMode.class)
	void lfShouldKeepCarriageReturns(ReadMode mode) throws IOException {
		FrameCodec codec = Framing.lf().createCodec();
		assertThat(decodeAllText(codec, mode.open(bytes("a\r\nb\n"), 2))).containsExactly("a\r", "b");
	}

	@ParameterizedTest
	@EnumSource(ReadMode.class)
	void terminatorShouldWorkForEverySingleByteValue(ReadMode mode) throws IOException {
		for (int value = 0; value <= 0xFF; value++) {
			byte t = (byte) value;
			byte other = (byte) (value + 1);
			FrameCodec codec = Framing.terminator(new byte[] { t }).createCodec();
			byte[] data = { other, other, t, t, other, t };
			List<byte[]> frames = Frames.decodeAll(codec, mode.open(data, 1, 5));
			assertThat(frames).as("terminator 0x%02x", value)
				.containsExactly(new byte[] { other, other }, new byte[0], new byte[] { other });
		}
	}

	@ParameterizedTest
	@EnumSource(ReadMode.class)
	void terminatorShouldFindMultiByteSequencesSplitAcrossReads(ReadMode mode) throws IOException {
		FrameCodec codec = Framing.terminator("\\r\\n\\r\\n").createCodec();
		byte[] data = bytes("GET /\r\nHost: x\r\n\r\n\r\n\r\n\r\r\n\r\r\n\r\n");
		for (int chunk = 1; chunk <= data.length; chunk++) {
			assertThat(decodeAllText(codec, mode.open(data, chunk))).as("reads of %d bytes", chunk)
				.containsExactly("GET /\r\nHost: x", "", "\r\r\n\r");
		}
	}

	@ParameterizedTest
	@EnumSource(ReadMode.class)
	void terminatorShouldHandleWordTerminatorsAndHighBytes(ReadMode mode) throws IOException {
		assertThat(decodeAllText(Framing.terminator("END\\n").createCodec(),
				mode.open(bytes("ENDxEN\nEND\nEEND\n"), 2)))
			.containsExactly("ENDxEN\n", "E");
		assertThat(decodeAllText(Framing.terminator("\\xff\\xfe").createCodec(),
				mode.open(new byte[] { (byte) 0xff, 1, (byte) 0xfe, (byte) 0xff, (byte) 0xfe }, 1)))
			.containsExactly("\u00ff\u0001\u00fe");
	}

	@Test
	void bufferedStreamShouldReadManyFramesFromOneRead() throws IOException {
		StringBuilder data = new StringBuilder();
		for (int i = 0; i < 500; i++) {
			data.append("frame-").append(i).append('\n');
		}
		ChunkedInputStream source = new ChunkedInputStream(bytes(data.toString()));
		List<String> frames = decodeAllText(Framing.lf().createCodec(), new FrameInputStream(source));
		assertThat(frames).hasSize(500).startsWith("frame-0").endsWith("frame-499");
		assertThat(source.reads).isLessThan(10);
	}

	@Test
	void serializeShouldRejectFramesContainingTheTerminator() {
		FrameCodec codec = Framing.terminator("\\r\\n\\r\\n").createCodec();
		assertThatExceptionOfType(MalformedFrameException.class)
			.isThrownBy(() -> codec.serialize(bytes("a\r\n\r\nb"), new ByteArrayOutputStream()))
			.withMessageContaining("at offset 1");
	}

	@Test
	void serializeShouldRejectFramesThatWouldOverlapTheTerminator() {
		FrameCodec codec = Framing.terminator("\\r\\n\\r\\n").createCodec();
		assertThatExceptionOfType(MalformedFrameException.class)
			.isThrownBy(() -> codec.serialize(bytes("abc\r\n"), new ByteArrayOutputStream()))
			.withMessageContaining("at offset 3");
	}

	@Test
	void serializeShouldAcceptFramesEndingWithPartOfATerminatorThatCannotOverlap() throws IOException {
		FrameCodec codec = Framing.crlf().createCodec();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		codec.serialize(bytes("abc\r"), out);
		assertThat(decodeAllText(codec, ReadMode.BUFFERED.open(out.toByteArray()))).containsExactly("abc\r");
	}

	@Test
	void lineShouldRejectLineFeedsInFramesToWrite() {
		assertThatExceptionOfType(MalformedFrameException.class)
			.isThrownBy(() -> Framing.line().createCodec().serialize(bytes("a\nb"), new ByteArrayOutputStream()));
	}

}
