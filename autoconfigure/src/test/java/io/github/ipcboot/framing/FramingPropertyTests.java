package io.github.ipcboot.framing;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Round-trip properties: for arbitrary frames and arbitrary chunkings of the encoded stream,
 * decode(encode(frames)) == frames; and after oversized frames the stream stays in sync.
 */
class FramingPropertyTests {

	/** Bytes that make partial and complete terminators, start and end sequences likely. */
	private static final byte[] ALPHABET = { '\r', '\n', 0x00, (byte) 0xff, 0x02, 0x03, 0x0b, 0x1c, 'E', 'N', 'D',
			'a', (byte) 0x80 };

	@Provide
	Arbitrary<Framing> framings() {
		return Arbitraries.of(Samples.framings());
	}

	@Provide
	Arbitrary<Framing> delimitedOrLengthFramings() {
		return Arbitraries.of(Samples.framingsWithVariableLength());
	}

	@Provide
	Arbitrary<List<byte[]>> payloads() {
		Arbitrary<Byte> bytes = Arbitraries.oneOf(Arbitraries.of(toBoxed(ALPHABET)), Arbitraries.bytes());
		return bytes.array(byte[].class).ofMaxSize(120).list().ofMaxSize(12);
	}

	@Property(tries = 1000)
	void decodeShouldReturnTheEncodedFrames(@ForAll("framings") Framing framing,
			@ForAll("payloads") List<byte[]> payloads,
			@ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 700) Integer> chunks,
			@ForAll boolean buffered) throws IOException {
		FrameCodec codec = framing.withMaxFrameSize(4096).createCodec();
		List<byte[]> frames = writable(codec, payloads);
		byte[] data = Frames.encode(codec, frames);
		InputStream in = open(data, chunks, buffered);
		assertThat(Frames.decodeAll(codec, in)).containsExactlyElementsOf(expected(framing, frames, data));
	}

	@Property(tries = 1000)
	void framesAfterAnOversizedFrameShouldStillDecode(@ForAll("delimitedOrLengthFramings") Framing framing,
			@ForAll("payloads") List<byte[]> payloads,
			@ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 100) Integer> chunks) throws IOException {
		int limit = 40;
		FrameCodec writer = framing.createCodec();
		FrameCodec reader = framing.withMaxFrameSize(limit).createCodec();
		List<byte[]> frames = writable(writer, payloads);
		InputStream in = open(Frames.encode(writer, frames), chunks, true);
		for (byte[] frame : frames) {
			if (frame.length > limit) {
				try {
					reader.deserialize(in);
					throw new AssertionError("expected FrameTooLargeException for " + frame.length + " bytes");
				}
				catch (FrameTooLargeException ex) {
					assertThat(ex.getLimit()).isEqualTo(limit);
				}
			}
			else {
				assertThat(reader.deserialize(in)).isEqualTo(frame);
			}
		}
		try {
			reader.deserialize(in);
			throw new AssertionError("expected the end of the stream");
		}
		catch (SoftEndOfStreamException ex) {
			// the clean end
		}
	}

	private static InputStream open(byte[] data, List<Integer> chunks, boolean buffered) {
		int[] sizes = chunks.stream().mapToInt(Integer::intValue).toArray();
		return buffered ? ReadMode.BUFFERED.open(data, sizes) : ReadMode.PLAIN.open(data, sizes);
	}

	/**
	 * The payloads the codec can write, cut to the fixed length where there is one.
	 */
	private static List<byte[]> writable(FrameCodec codec, List<byte[]> payloads) {
		List<byte[]> frames = new ArrayList<>();
		int fixed = codec.getFraming().getFixedLength();
		for (byte[] payload : payloads) {
			byte[] frame = (fixed > 0) ? java.util.Arrays.copyOf(payload, fixed) : payload;
			try {
				codec.serialize(frame, java.io.OutputStream.nullOutputStream());
				frames.add(frame);
			}
			catch (IOException ex) {
				// contains its own terminator or does not fit the header: not a frame this codec writes
			}
		}
		return frames;
	}

	private static List<byte[]> expected(Framing framing, List<byte[]> frames, byte[] data) {
		if (framing.getType() == FramingType.EOF) {
			return (data.length > 0) ? List.of(data) : List.of();
		}
		return frames;
	}

	private static Byte[] toBoxed(byte[] bytes) {
		Byte[] boxed = new Byte[bytes.length];
		for (int i = 0; i < bytes.length; i++) {
			boxed[i] = bytes[i];
		}
		return boxed;
	}

}
