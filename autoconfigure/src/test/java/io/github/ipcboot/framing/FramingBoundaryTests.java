package io.github.ipcboot.framing;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static io.github.ipcboot.framing.Frames.bytes;
import static io.github.ipcboot.framing.Frames.decodeAllText;
import static io.github.ipcboot.framing.Frames.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Frames right at the limits of the codecs, where an off-by-one loses or rejects data: each case
 * here was a mutant that PIT found no test for.
 */
class FramingBoundaryTests {

	@ParameterizedTest
	@EnumSource(ReadMode.class)
	void frameOfExactlyTheLimitWhoseTerminatorArrivesLaterShouldBeRead(ReadMode mode) throws IOException {
		FrameCodec codec = Framing.line().withMaxFrameSize(10).createCodec();
		// ten bytes in one read, the CRLF in the next ones
		assertThat(decodeAllText(codec, mode.open(bytes("0123456789\r\nnext\r\n"), 10, 1, 1)))
			.containsExactly("0123456789", "next");
	}

	@ParameterizedTest
	@EnumSource(ReadMode.class)
	void completeFrameJustOverTheLimitShouldBeRejectedAndTheNextOneRead(ReadMode mode) throws IOException {
		FrameCodec codec = Framing.lf().withMaxFrameSize(4).createCodec();
		InputStream in = mode.open(bytes("abcde\nok\n"));
		assertThatExceptionOfType(FrameTooLargeException.class).isThrownBy(() -> codec.deserialize(in))
			.satisfies((ex) -> assertThat(ex.getLimit()).isEqualTo(4));
		if (mode != ReadMode.PLAIN) {
			// a plain stream has no read-ahead to skip the rest of the frame with
			assertThat(text(codec.deserialize(in))).isEqualTo("ok");
		}
	}

	@ParameterizedTest
	@EnumSource(ReadMode.class)
	void oversizedFrameAtTheEndOfTheStreamShouldEndTheStreamCleanly(ReadMode mode) {
		FrameCodec codec = Framing.lf().withMaxFrameSize(4).createCodec();
		InputStream in = mode.open(bytes("abcdefghijklmnop"), 8);
		assertThatExceptionOfType(FrameTooLargeException.class).isThrownBy(() -> codec.deserialize(in));
		if (mode != ReadMode.PLAIN) {
			// skipping to the next terminator meets the end of the stream instead
			assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(() -> codec.deserialize(in));
		}
	}

	@ParameterizedTest
	@EnumSource(ReadMode.class)
	void emptyLineAtTheStartOfTheStreamShouldBeAnEmptyFrame(ReadMode mode) throws IOException {
		FrameCodec codec = Framing.line().createCodec();
		assertThat(decodeAllText(codec, mode.open(bytes("\nx\r\n")))).containsExactly("", "x");
	}

	@ParameterizedTest
	@EnumSource(ReadMode.class)
	void eofFrameOfExactlyTheLimitShouldBeRead(ReadMode mode) throws IOException {
		FrameCodec codec = Framing.eof().withMaxFrameSize(8).createCodec();
		assertThat(text(codec.deserialize(mode.open(bytes("12345678"), 3)))).isEqualTo("12345678");
	}

	@ParameterizedTest
	@EnumSource(value = ReadMode.class, names = { "BUFFERED", "BUFFERED_DEFAULT_SIZE" })
	void bytesDroppedBeforeAStartShouldBeCountedAfterEarlierFrames(ReadMode mode) throws IOException {
		FrameCodec codec = Framing.stxEtx().createCodec();
		InputStream in = mode.open(bytes("\u0002first\u0003junk\u0002second\u0003"));
		assertThat(text(codec.deserialize(in))).isEqualTo("first");
		assertThatExceptionOfType(MalformedFrameException.class).isThrownBy(() -> codec.deserialize(in))
			.withMessageContaining("but read 0x6a; dropped 4 bytes");
		assertThat(text(codec.deserialize(in))).isEqualTo("second");
	}

	@ParameterizedTest
	@EnumSource(ReadMode.class)
	void fixedFramesOfOneByteShouldWork(ReadMode mode) throws IOException {
		FrameCodec codec = Framing.fixed(1).createCodec();
		assertThat(decodeAllText(codec, mode.open(bytes("ab")))).containsExactly("a", "b");
	}

}
