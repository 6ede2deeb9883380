package io.github.ipcboot.framing;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Frames preceded by their length as a 1, 2 or 4 byte big-endian unsigned number.
 */
final class LengthHeaderCodec extends FrameCodec {

	private final int headerSize;

	private final long largestLength;

	LengthHeaderCodec(Framing framing, int headerSize) {
		super(framing);
		this.headerSize = headerSize;
		this.largestLength = (1L << (8 * headerSize)) - 1;
	}

	@Override
	byte[] decode(FrameInputStream in) throws IOException {
		if (!skipPending(in) || !require(in, this.headerSize, -1)) {
			throw endOfStream();
		}
		long length = header(in.buf, in.pos);
		in.consume(this.headerSize);
		if (length > this.maxFrameSize) {
			in.skip = length;
			throw tooLarge(length);
		}
		return readFrame(in, (int) length, this.headerSize);
	}

	@Override
	int scan(FrameScanner scanner, byte[] buffer, int from, int to) throws FramingException {
		if (to - from < this.headerSize) {
			return FrameScanner.INCOMPLETE;
		}
		long length = header(buffer, from);
		if (length > this.maxFrameSize) {
			throw tooLarge(length);
		}
		if (to - from < this.headerSize + length) {
			return FrameScanner.INCOMPLETE;
		}
		return scanner.found(from + this.headerSize, (int) length, this.headerSize + (int) length);
	}

	@Override
	int largestFrameBytes() {
		return (int) Math.min(Integer.MAX_VALUE - 8, (long) this.headerSize + this.maxFrameSize);
	}

	private long header(byte[] buffer, int at) {
		long length = 0;
		for (int i = 0; i < this.headerSize; i++) {
			length = (length << 8) | (buffer[at + i] & 0xFF);
		}
		return length;
	}

	private FrameTooLargeException tooLarge(long length) {
		return new FrameTooLargeException(this.maxFrameSize, length, "the length header announces " + length + " bytes");
	}

	@Override
	public void serialize(byte[] frame, OutputStream outputStream) throws IOException {
		if (frame.length > this.largestLength) {
			throw new FrameTooLargeException((int) Math.min(Integer.MAX_VALUE, this.largestLength), frame.length,
					"a " + this.headerSize + "-byte length header cannot announce " + frame.length + " bytes");
		}
		for (int shift = 8 * (this.headerSize - 1); shift >= 0; shift -= 8) {
			outputStream.write((int) (frame.length >>> shift) & 0xFF);
		}
		outputStream.write(frame);
	}

}
