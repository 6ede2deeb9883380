package io.github.ipcboot.framing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Reads frames from and writes frames to a byte stream according to a {@link Framing}. A codec is
 * both Spring's {@link Serializer} and {@link Deserializer}, so Spring Integration connection
 * factories can use it directly. Create codecs with {@link Framing#createCodec()}.
 * <p>
 * Reading has these outcomes only: a frame; {@link FrameTooLargeException} for a frame over
 * {@link Framing#getMaxFrameSize()}; {@link IncompleteFrameException} when the stream ends inside a
 * frame; {@link MalformedFrameException} for bytes outside a start-end frame; Spring Integration's
 * {@link SoftEndOfStreamException} when the stream ends cleanly between frames (connections then
 * close quietly); and the source stream's own {@link IOException}s. The maximum frame size limits
 * reading only; writing checks that a frame can be framed (it does not contain its terminator, fits
 * its length header, has the fixed length).
 * <p>
 * A codec holds no per-connection state and can serve any number of connections at once. It reads
 * in bulk from a {@link FrameInputStream}, keeping the read-ahead in that stream; from any other
 * stream it reads only the current frame's bytes.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public abstract sealed class FrameCodec implements Serializer<byte[]>, Deserializer<byte[]>
		permits TerminatorCodec, StartEndCodec, LengthHeaderCodec, FixedLengthCodec, EofCodec {

	private static final int FIRST_FRAME_ALLOCATION = 1024 * 1024;

	private final Framing framing;

	/** The largest frame accepted when reading. */
	final int maxFrameSize;

	FrameCodec(Framing framing) {
		this.framing = framing;
		this.maxFrameSize = framing.getMaxFrameSize();
	}

	/**
	 * Return the framing this codec implements.
	 * @return the framing
	 */
	public Framing getFraming() {
		return this.framing;
	}

	/**
	 * Read the next frame.
	 * @param inputStream the stream; a {@link FrameInputStream} is read in bulk
	 * @return the frame's bytes, without framing bytes
	 * @throws IOException one of the documented outcomes
	 */
	@Override
	public final byte[] deserialize(InputStream inputStream) throws IOException {
		if (inputStream instanceof FrameInputStream frames && frames.readsAhead()) {
			return decode(frames);
		}
		return decode(FrameInputStream.exact(inputStream));
	}

	abstract byte[] decode(FrameInputStream in) throws IOException;

	/**
	 * Return whether a non-blocking reader can find this codec's frames in its buffer with a
	 * {@link FrameScanner}: every framing but {@code eof}, whose frame ends only with the stream.
	 * @return whether {@link #newScanner()} is supported
	 * @since 0.3.0
	 */
	public boolean isScannable() {
		return true;
	}

	/**
	 * Create a scanner that finds this codec's frames in the buffer of one connection.
	 * @return a new scanner
	 * @throws UnsupportedOperationException if the codec is not {@linkplain #isScannable()
	 * scannable}
	 * @since 0.3.0
	 */
	public FrameScanner newScanner() {
		if (!isScannable()) {
			throw new UnsupportedOperationException(this + " cannot find its frames in a buffer");
		}
		return new FrameScanner(this);
	}

	/**
	 * Find the first complete frame at the start of {@code buffer[from, to)}; see
	 * {@link FrameScanner#scan(byte[], int, int)}.
	 */
	abstract int scan(FrameScanner scanner, byte[] buffer, int from, int to) throws FramingException;

	/**
	 * Return the most bytes one frame takes with its framing bytes (see
	 * {@link FrameScanner#largestFrameBytes()}).
	 */
	abstract int largestFrameBytes();

	/**
	 * Write one frame with its framing bytes.
	 * @param frame the frame's bytes
	 * @param outputStream the stream to write to
	 * @throws IOException if the stream fails, or a {@link FramingException} if the frame cannot
	 * be framed
	 */
	@Override
	public abstract void serialize(byte[] frame, OutputStream outputStream) throws IOException;

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.framing + "]";
	}

	static SoftEndOfStreamException endOfStream() {
		return new SoftEndOfStreamException("Stream closed between frames");
	}

	/**
	 * Make sure {@code count} bytes are buffered.
	 * @return whether they are; {@code false} only at a clean end of the stream (nothing buffered)
	 * @throws IncompleteFrameException if the stream ends with fewer bytes buffered (they are
	 * dropped)
	 */
	static boolean require(FrameInputStream in, int count, long expected) throws IOException {
		while (in.buffered() < count) {
			if (in.fill(count - in.buffered(), count) < 0) {
				int received = in.buffered();
				if (received == 0) {
					return false;
				}
				in.consume(received);
				throw new IncompleteFrameException(received, expected);
			}
		}
		return true;
	}

	/**
	 * Read a frame of known length whose first bytes may already be buffered. The frame's array
	 * grows with the bytes that arrive, so a peer that announces a large frame and sends little
	 * costs little memory.
	 * @param framingBytes header bytes already consumed, to report in errors
	 */
	static byte[] readFrame(FrameInputStream in, int length, int framingBytes) throws IOException {
		byte[] frame = new byte[Math.min(length, Math.max(in.buffered(), FIRST_FRAME_ALLOCATION))];
		int have = take(in, frame, 0);
		while (have < length) {
			if (have == frame.length) {
				frame = Arrays.copyOf(frame, (int) Math.min(length, 2L * frame.length));
			}
			if (in.buffered() > 0) {
				have += take(in, frame, have);
				continue;
			}
			int remaining = frame.length - have;
			int n;
			if (in.readsAhead() && remaining < in.capacity()) {
				n = in.fill(remaining, in.capacity());
				if (n > 0) {
					have += take(in, frame, have);
				}
			}
			else {
				n = in.readSource(frame, have, remaining);
				if (n > 0) {
					have += n;
				}
			}
			if (n < 0) {
				throw new IncompleteFrameException(framingBytes + have, (long) framingBytes + length);
			}
		}
		return frame;
	}

	private static int take(FrameInputStream in, byte[] frame, int offset) {
		int n = Math.min(in.buffered(), frame.length - offset);
		System.arraycopy(in.buf, in.pos, frame, offset, n);
		in.consume(n);
		return n;
	}

	/**
	 * Skip the rest of an oversized frame of known length, reported by an earlier call.
	 * @return whether the stream goes on after it
	 */
	static boolean skipPending(FrameInputStream in) throws IOException {
		while (in.skip > 0) {
			if (in.buffered() == 0 && in.fill(1, in.capacity()) < 0) {
				in.skip = 0;
				return false;
			}
			int n = (int) Math.min(in.skip, in.buffered());
			in.consume(n);
			in.skip -= n;
		}
		return true;
	}

}
