package io.github.ipcboot.framing;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One frame is everything until the end of the stream. Writing a frame writes its bytes only; the
 * writer then closes its side of the connection to end the frame.
 */
final class EofCodec extends FrameCodec {

	EofCodec(Framing framing) {
		super(framing);
	}

	@Override
	byte[] decode(FrameInputStream in) throws IOException {
		if (!skipPending(in)) {
			throw endOfStream();
		}
		int capacity = this.maxFrameSize + 1;
		while (in.buffered() <= this.maxFrameSize) {
			if (in.fill(capacity - in.buffered(), capacity) < 0) {
				int length = in.buffered();
				if (length == 0) {
					throw endOfStream();
				}
				byte[] frame = in.copy(0, length);
				in.consume(length);
				return frame;
			}
		}
		int seen = in.buffered();
		in.consume(seen);
		in.skip = Long.MAX_VALUE;
		throw new FrameTooLargeException(this.maxFrameSize, seen,
				"read " + seen + " bytes and the stream has not ended");
	}

	@Override
	public boolean isScannable() {
		return false;
	}

	@Override
	int scan(FrameScanner scanner, byte[] buffer, int from, int to) {
		throw new UnsupportedOperationException("eof frames end with the stream");
	}

	@Override
	int largestFrameBytes() {
		return this.maxFrameSize;
	}

	@Override
	public void serialize(byte[] frame, OutputStream outputStream) throws IOException {
		outputStream.write(frame);
	}

}
