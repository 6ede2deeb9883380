package io.github.ipcboot.framing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static io.github.ipcboot.framing.Frames.bytes;
import static io.github.ipcboot.framing.Frames.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link FrameInputStream} used as an ordinary buffered {@link InputStream}, and mixed with a
 * codec on the same stream.
 */
class FrameInputStreamAsInputStreamTests {

	@Test
	void constructorShouldRejectANonPositiveBufferSizeAndANullSource() {
		InputStream source = new ByteArrayInputStream(new byte[0]);
		assertThatIllegalArgumentException().isThrownBy(() -> new FrameInputStream(source, 0))
			.withMessage("bufferSize must be positive, got 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new FrameInputStream(source, -1));
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> new FrameInputStream(null))
			.withMessage("source must not be null");
		assertThat(new FrameInputStream(source).getSource()).isSameAs(source);
		assertThat(new FrameInputStream(source).capacity()).isEqualTo(FrameInputStream.DEFAULT_BUFFER_SIZE);
	}

	@Test
	void readShouldServeSingleBytesFromOneBulkReadAsUnsignedValues() throws IOException {
		ChunkedInputStream source = new ChunkedInputStream(new byte[] { 1, (byte) 0xff, 0, (byte) 0x80 });
		FrameInputStream in = new FrameInputStream(source, 16);
		assertThat(in.read()).isEqualTo(1);
		assertThat(source.reads).as("one read from the source").isEqualTo(1);
		assertThat(in.buffered()).isEqualTo(3);
		assertThat(in.read()).isEqualTo(255);
		assertThat(in.read()).isZero();
		assertThat(in.read()).isEqualTo(128);
		assertThat(source.reads).isEqualTo(1);
		assertThat(in.buffered()).isZero();
		assertThat(in.read()).isEqualTo(-1);
		assertThat(in.read()).isEqualTo(-1);
	}

	@Test
	void readIntoAnArrayShouldTakeBufferedBytesFirstAndNeverMoreThanAsked() throws IOException {
		ChunkedInputStream source = new ChunkedInputStream(bytes("abcdefghij"), 6);
		FrameInputStream in = new FrameInputStream(source, 8);
		byte[] target = new byte[10];
		assertThat(in.read(target, 1, 3)).isEqualTo(3);
		assertThat(text(target).substring(1, 4)).isEqualTo("abc");
		assertThat(in.buffered()).as("read ahead in one read of the source").isEqualTo(3);
		// only what is buffered: no second read of the source while bytes are buffered
		assertThat(in.read(target, 0, 10)).isEqualTo(3);
		assertThat(text(target).substring(0, 3)).isEqualTo("def");
		assertThat(source.reads).isEqualTo(1);
		assertThat(in.read(target, 0, 2)).isEqualTo(2);
		assertThat(text(target).substring(0, 2)).isEqualTo("gh");
		assertThat(in.read(target, 0, 5)).isEqualTo(2);
		assertThat(text(target).substring(0, 2)).isEqualTo("ij");
		assertThat(in.read(target, 0, 5)).isEqualTo(-1);
	}

	@Test
	void readOfZeroBytesShouldReturnZeroWithoutReadingTheSource() throws IOException {
		ChunkedInputStream source = new ChunkedInputStream(bytes("abc"));
		FrameInputStream in = new FrameInputStream(source, 8);
		assertThat(in.read(new byte[4], 4, 0)).isZero();
		assertThat(source.reads).isZero();
	}

	@Test
	void readWithBadBoundsShouldThrow() {
		FrameInputStream in = new FrameInputStream(new ChunkedInputStream(bytes("abc")), 8);
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> in.read(new byte[4], 3, 2));
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> in.read(new byte[4], -1, 1));
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> in.read(new byte[4], 0, -1));
	}

	@Test
	void readOfAtLeastTheBufferSizeShouldGoStraightToTheCallersArray() throws IOException {
		ChunkedInputStream source = new ChunkedInputStream(bytes("0123456789abcdef"));
		FrameInputStream in = new FrameInputStream(source, 4);
		AtomicInteger before = new AtomicInteger();
		in.setBeforeSourceRead(before::incrementAndGet);
		byte[] target = new byte[16];
		assertThat(in.read(target, 0, 16)).isEqualTo(16);
		assertThat(text(target)).isEqualTo("0123456789abcdef");
		assertThat(in.buffered()).isZero();
		assertThat(in.capacity()).as("the buffer did not grow").isEqualTo(4);
		assertThat(before).as("the action ran before the direct read").hasValue(1);
		assertThat(in.read(target, 0, 16)).isEqualTo(-1);
	}

	@Test
	void beforeSourceReadShouldRunBeforeEveryReadOfTheSourceOnly() throws IOException {
		ChunkedInputStream source = new ChunkedInputStream(bytes("abcdef"), 2);
		FrameInputStream in = new FrameInputStream(source, 8);
		AtomicInteger before = new AtomicInteger();
		in.setBeforeSourceRead(before::incrementAndGet);
		assertThat(in.read()).isEqualTo('a');
		assertThat(in.read()).isEqualTo('b');
		assertThat(before).as("one source read for two bytes").hasValue(1);
		assertThat(in.read()).isEqualTo('c');
		assertThat(before).hasValue(2);
		assertThat(before.get()).isEqualTo(source.reads);
		in.setBeforeSourceRead(null);
		assertThat(in.read()).isEqualTo('d');
		assertThat(in.read()).isEqualTo('e');
		assertThat(source.reads).isEqualTo(3);
		assertThat(before).hasValue(2);
	}

	@Test
	void skipShouldTakeBufferedBytesFirstThenAskTheSource() throws IOException {
		ChunkedInputStream source = new ChunkedInputStream(bytes("abcdefghij"), 4);
		FrameInputStream in = new FrameInputStream(source, 8);
		assertThat(in.skip(0)).isZero();
		assertThat(in.skip(-5)).isZero();
		assertThat(source.reads).isZero();
		assertThat(in.read()).isEqualTo('a');
		assertThat(in.buffered()).isEqualTo(3);
		// no more than is buffered, and no read of the source while bytes are buffered
		assertThat(in.skip(10)).isEqualTo(3);
		assertThat(source.reads).isEqualTo(1);
		// nothing buffered: the source skips, after the action that runs before every source read
		AtomicInteger before = new AtomicInteger();
		in.setBeforeSourceRead(before::incrementAndGet);
		assertThat(in.skip(2)).isEqualTo(2);
		assertThat(before).hasValue(1);
		assertThat(source.position()).isEqualTo(6);
		assertThat(in.read()).isEqualTo('g');
	}

	@Test
	void availableShouldCountBufferedBytesAndWhatTheSourceHas() throws IOException {
		ChunkedInputStream source = new ChunkedInputStream(bytes("abcdefghij"), 4);
		FrameInputStream in = new FrameInputStream(source, 8);
		assertThat(in.available()).isEqualTo(10);
		assertThat(in.read()).isEqualTo('a');
		assertThat(in.buffered()).isEqualTo(3);
		assertThat(in.available()).isEqualTo(3 + 6);
	}

	@Test
	void closeShouldCloseTheSource() throws IOException {
		AtomicInteger closed = new AtomicInteger();
		InputStream source = new ByteArrayInputStream(bytes("abc")) {
			@Override
			public void close() {
				closed.incrementAndGet();
			}
		};
		new FrameInputStream(source).close();
		assertThat(closed).hasValue(1);
	}

	@Test
	void bytesAfterADecodedFrameShouldStillBeReadableFromTheStream() throws IOException {
		FrameCodec codec = Framing.line().createCodec();
		ChunkedInputStream source = new ChunkedInputStream(bytes("hello\r\nrest of it"));
		FrameInputStream in = new FrameInputStream(source, 8);
		assertThat(text(codec.deserialize(in))).isEqualTo("hello");
		byte[] rest = new byte[20];
		int n = in.read(rest, 0, 20);
		while (n < 10) {
			int more = in.read(rest, n, 20 - n);
			assertThat(more).isPositive();
			n += more;
		}
		assertThat(text(rest).substring(0, n)).isEqualTo("rest of it");
		assertThat(in.read()).isEqualTo(-1);
	}

}
