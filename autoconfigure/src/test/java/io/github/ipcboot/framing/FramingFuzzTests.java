package io.github.ipcboot.framing;

import java.io.IOException;
import java.io.InputStream;
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
 * Feeds random bytes in random chunkings to every codec and checks that only the documented
 * outcomes occur: a frame within the limit, {@link FrameTooLargeException},
 * {@link IncompleteFrameException}, {@link MalformedFrameException} (start-end framings only), or
 * the clean end of the stream; that decoding always ends; and that the buffer never grows past the
 * limit.
 */
class FramingFuzzTests {

	private static final int LIMIT = 48;

	@Provide
	Arbitrary<Framing> framings() {
		return Arbitraries.of(Samples.framings()).map((framing) -> (framing.getType() == FramingType.FIXED)
				? Framing.fixed(framing.getFixedLength()).withMaxFrameSize(LIMIT) : framing.withMaxFrameSize(LIMIT));
	}

	@Provide
	Arbitrary<byte[]> garbage() {
		Arbitrary<Byte> bytes = Arbitraries.oneOf(Arbitraries.bytes(),
				Arbitraries.of((byte) '\r', (byte) '\n', (byte) 0, (byte) 0xff, (byte) 2, (byte) 3, (byte) 0x0b,
						(byte) 0x1c, (byte) 'E', (byte) 'N', (byte) 'D'));
		return bytes.array(byte[].class).ofMaxSize(2000);
	}

	@Property(tries = 3000)
	void randomInputShouldOnlyProduceDocumentedOutcomes(@ForAll("framings") Framing framing,
			@ForAll("garbage") byte[] data,
			@ForAll @Size(min = 1, max = 5) List<@IntRange(min = 1, max = 300) Integer> chunks,
			@ForAll boolean buffered, @ForAll boolean smallBuffer) {
		FrameCodec codec = framing.createCodec();
		ChunkedInputStream source = new ChunkedInputStream(data, chunks.stream().mapToInt(Integer::intValue).toArray());
		// a 16-byte buffer must grow and shows growth past the limit; the default 8 KiB one holds
		// many frames, more than the limit, and shows frames returned over the limit
		FrameInputStream frames = !buffered ? null
				: smallBuffer ? new FrameInputStream(source, 16) : new FrameInputStream(source);
		InputStream in = (frames != null) ? frames : source;
		boolean startEnd = framing.getType() == FramingType.START_END || framing.getType() == FramingType.STX_ETX;
		// each call consumes at least one byte or ends the stream, so this bound is never reached
		for (int call = 0; call <= data.length + 1; call++) {
			try {
				byte[] frame = codec.deserialize(in);
				assertThat(frame.length).isLessThanOrEqualTo(LIMIT);
			}
			catch (SoftEndOfStreamException ex) {
				assertThat(source.position()).isEqualTo(data.length);
				return;
			}
			catch (FrameTooLargeException | IncompleteFrameException ex) {
				// documented
			}
			catch (MalformedFrameException ex) {
				assertThat(startEnd).as("MalformedFrameException from %s", framing).isTrue();
			}
			catch (IOException | RuntimeException ex) {
				throw new AssertionError("undocumented outcome from " + framing, ex);
			}
			if (frames != null) {
				// the buffer grows only as far as one frame within the limit needs, with its
				// delimiters (a plain stream has no buffer of the caller's to check)
				assertThat(frames.capacity()).as("buffer of %s", framing)
					.isLessThanOrEqualTo(smallBuffer ? LIMIT + 16 : FrameInputStream.DEFAULT_BUFFER_SIZE);
			}

		}
		throw new AssertionError("decoding did not end after " + (data.length + 2) + " calls");
	}

}
