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
		long length = 0;
		for (int i = 0; i < this.headerSize; i++) {
			length = (length << 8) | (in.buf[in.pos + i] & 0xFF);
		}
		in.consume(this.headerSize);
		if (length > this.maxFrameSize) {
			in.skip = length;
			throw new FrameTooLargeException(this.maxFrameSize, length,
					"the length header announces " + length + " bytes");
		}
		return readFrame(in, (int) length, this.headerSize);
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
