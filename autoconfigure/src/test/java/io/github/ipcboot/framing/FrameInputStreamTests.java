package io.github.ipcboot.framing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static io.github.ipcboot.framing.Frames.bytes;
import static io.github.ipcboot.framing.Frames.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the memory and the reads of a {@link FrameInputStream}: its buffer gives back what a
 * large frame took, and the action before a read runs before every read from the source.
 */
class FrameInputStreamTests {

	private static final int LARGE = 300_000;

	static List<Framing> delimitedFramings() {
		return Samples.framingsOfUnknownLength()
			.stream()
			.filter((framing) -> framing.getType() != FramingType.EOF)
			.toList();
	}

	@ParameterizedTest
	@MethodSource("delimitedFramings")
	void bufferGrownForALargeFrameShouldShrinkBackBeforeTheNextRead(Framing framing) throws IOException {
		FrameCodec codec = framing.withMaxFrameSize(1024 * 1024).createCodec();
		byte[] large = new byte[LARGE];
		Arrays.fill(large, (byte) 'a');
		byte[] data = Frames.encode(codec, List.of(large, bytes("small")));
		FrameInputStream in = new FrameInputStream(new ChunkedInputStream(data, 8192, 5000));
		assertThat(codec.deserialize(in)).hasSize(LARGE);
		assertThat(in.capacity()).isGreaterThan(LARGE);
		assertThat(text(codec.deserialize(in))).isEqualTo("small");
		assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(() -> codec.deserialize(in));
		assertThat(in.capacity()).isEqualTo(FrameInputStream.DEFAULT_BUFFER_SIZE);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 4096, 8192, 65536 })
	void bufferShouldShrinkBackAlsoWhenSmallFramesFollowTheLargeOne(int chunk) throws IOException {
		FrameCodec codec = Framing.lf().withMaxFrameSize(1024 * 1024).createCodec();
		ByteArrayOutputStream data = new ByteArrayOutputStream();
		data.writeBytes(bytes("b".repeat(LARGE) + "\n"));
		for (int i = 0; i < 1000; i++) {
			data.writeBytes(bytes("line " + i + "\n"));
		}
		FrameInputStream in = new FrameInputStream(new ChunkedInputStream(data.toByteArray(), chunk));
		assertThat(codec.deserialize(in)).hasSize(LARGE);
		int largest = in.capacity();
		for (int i = 0; i < 1000; i++) {
			assertThat(text(codec.deserialize(in))).isEqualTo("line " + i);
		}
		assertThat(largest).isGreaterThan(LARGE);
		// the next read (here, of the end of the stream) finds few bytes left to keep
		assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(() -> codec.deserialize(in));
		assertThat(in.capacity()).isEqualTo(FrameInputStream.DEFAULT_BUFFER_SIZE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "length-header", "fixed" })
	void everyReadOfALargeFrameShouldRunTheActionBeforeIt(String type) throws IOException {
		Framing framing = type.equals("fixed") ? Framing.fixed(LARGE) : Framing.lengthHeader();
		FrameCodec codec = framing.withMaxFrameSize(1024 * 1024).createCodec();
		byte[] frame = new byte[LARGE];
		byte[] data = Frames.encode(codec, List.of(bytes("12345678".repeat(LARGE / 8)), frame));
		ChunkedInputStream source = new ChunkedInputStream(data, 100, 20_000, 70_000);
		AtomicInteger actions = new AtomicInteger();
		FrameInputStream in = new FrameInputStream(source);
		in.setBeforeSourceRead(actions::incrementAndGet);
		assertThat(codec.deserialize(in)).hasSize(LARGE);
		assertThat(codec.deserialize(in)).hasSize(LARGE);
		assertThat(source.reads).isGreaterThan(5);
		assertThat(actions).hasValue(source.reads);
	}

}
