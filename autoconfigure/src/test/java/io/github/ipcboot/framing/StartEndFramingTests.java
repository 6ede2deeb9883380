package io.github.ipcboot.framing;

import java.io.ByteArrayOutputStream;
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
 * Tests for the {@code stx-etx} and {@code start-end} framings.
 */
class StartEndFramingTests {

	@ParameterizedTest
	@EnumSource(ReadMode.class)
	void mllpShouldKeepPartialEndSequencesInsideFrames(ReadMode mode) throws IOException {
		FrameCodec codec = Framing.startEnd("\\x0b", "\\x1c\\r").createCodec();
		byte[] data = bytes("\u000bMSH|\u001c|\r\u001c\r\u000b\u001c\r\u000b\u000bx\u001c\u001c\r");
		assertThat(decodeAllText(codec, mode.open(data, 1))).containsExactly("MSH|\u001c|\r", "", "\u000bx\u001c");
	}

	@ParameterizedTest
	@EnumSource(ReadMode.class)
	void stxEtxShouldRoundTrip(ReadMode mode) throws IOException {
		FrameCodec codec = Framing.stxEtx().createCodec();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		codec.serialize(bytes("hello"), out);
		codec.serialize(bytes(""), out);
		assertThat(out.toByteArray()).startsWith(0x02, 'h').endsWith(0x03, 0x02, 0x03);
		assertThat(decodeAllText(codec, mode.open(out.toByteArray(), 2))).containsExactly("hello", "");
	}

	@ParameterizedTest
	@EnumSource(ReadMode.class)
	void bytesBeforeTheStartShouldBeReportedAndSkipped(ReadMode mode) throws IOException {
		FrameCodec codec = Framing.stxEtx().createCodec();
		InputStream in = mode.open(bytes("junk\u0002ok\u0003"), 3);
		int malformed = 0;
		String frame = null;
		while (frame == null) {
			try {
				frame = text(codec.deserialize(in));
			}
			catch (MalformedFrameException ex) {
				assertThat(ex).hasMessageContaining("expected the start sequence '\\x02' but read 0x");
				malformed++;
			}
		}
		assertThat(frame).isEqualTo("ok");
		assertThat(malformed).isBetween(1, 4);
		assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(() -> codec.deserialize(in));
	}

	@ParameterizedTest
	@EnumSource(ReadMode.class)
	void endOfStreamAfterTheStartShouldBeIncomplete(ReadMode mode) {
		FrameCodec codec = Framing.startEnd("<<", ">>").createCodec();
		assertThatExceptionOfType(IncompleteFrameException.class)
			.isThrownBy(() -> codec.deserialize(mode.open(bytes("<<abc>"), 1)))
			.satisfies((ex) -> assertThat(ex.getReceived()).isEqualTo(6));
		assertThatExceptionOfType(IncompleteFrameException.class)
			.isThrownBy(() -> codec.deserialize(mode.open(bytes("<"), 1)));
	}

	@ParameterizedTest
	@EnumSource(ReadMode.class)
	void serializeShouldRejectFramesContainingTheEndSequence(ReadMode mode) throws IOException {
		FrameCodec codec = Framing.startEnd("\\x0b", "\\x1c\\r").createCodec();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThatExceptionOfType(MalformedFrameException.class)
			.isThrownBy(() -> codec.serialize(bytes("a\u001c\rb"), out))
			.withMessageContaining("frame of 4 bytes contains the delimiter");
		assertThat(out.size()).as("nothing written").isZero();
		// why: written as is, the peer would read a shorter frame and then bytes outside any frame
		InputStream in = mode.open(bytes("\u000ba\u001c\rb\u001c\r"), 2);
		assertThat(text(codec.deserialize(in))).isEqualTo("a");
		assertThatExceptionOfType(MalformedFrameException.class).isThrownBy(() -> codec.deserialize(in))
			.withMessageContaining("expected the start sequence '\\x0b' but read 0x62");
	}

	@ParameterizedTest
	@EnumSource(ReadMode.class)
	void completeFramesOverTheLimitShouldBeRejected(ReadMode mode) throws IOException {
		FrameCodec codec = Framing.stxEtx().withMaxFrameSize(10).createCodec();
		InputStream in = mode.open(bytes("\u0002" + "a".repeat(100) + "\u0003\u0002ok\u0003"));
		assertThatExceptionOfType(FrameTooLargeException.class).isThrownBy(() -> codec.deserialize(in));
		if (mode != ReadMode.PLAIN) {
			assertThat(text(codec.deserialize(in))).isEqualTo("ok");
		}
	}

	@ParameterizedTest
	@EnumSource(ReadMode.class)
	void highByteSequencesShouldWork(ReadMode mode) throws IOException {
		FrameCodec codec = Framing.startEnd("\\x80\\xfe", "\\xff\\x81").createCodec();
		byte[] frame = { (byte) 0xff, 0x00, (byte) 0x80, (byte) 0xfe, (byte) 0x81 };
		byte[] data = Frames.encode(codec, java.util.List.of(frame, frame));
		assertThat(Frames.decodeAll(codec, mode.open(data, 3))).containsExactly(frame, frame);
	}

}
