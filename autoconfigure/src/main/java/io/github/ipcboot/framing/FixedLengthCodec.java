package io.github.ipcboot.framing;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Frames of one fixed length, like asynchat's integer terminator.
 */
final class FixedLengthCodec extends FrameCodec {

	private final int length;

	FixedLengthCodec(Framing framing, int length) {
		super(framing);
		this.length = length;
	}

	@Override
	byte[] decode(FrameInputStream in) throws IOException {
		if (!require(in, 1, this.length)) {
			throw endOfStream();
		}
		return readFrame(in, this.length, 0);
	}

	@Override
	int scan(FrameScanner scanner, byte[] buffer, int from, int to) {
		return (to - from < this.length) ? FrameScanner.INCOMPLETE : scanner.found(from, this.length, this.length);
	}

	@Override
	int largestFrameBytes() {
		return this.length;
	}

	@Override
	public void serialize(byte[] frame, OutputStream outputStream) throws IOException {
		if (frame.length != this.length) {
			throw new MalformedFrameException(
					"fixed framing writes frames of exactly " + this.length + " bytes, got " + frame.length);
		}
		outputStream.write(frame);
	}

}
