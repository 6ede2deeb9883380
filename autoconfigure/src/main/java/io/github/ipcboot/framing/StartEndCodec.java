package io.github.ipcboot.framing;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Frames enclosed in a start and an end sequence: {@code stx-etx} and {@code start-end}. Bytes
 * before a start sequence are dropped up to the next possible start and reported as a
 * {@link MalformedFrameException}.
 */
final class StartEndCodec extends FrameCodec {

	private final byte[] start;

	private final byte[] end;

	StartEndCodec(Framing framing, byte[] start, byte[] end) {
		super(framing);
		this.start = start;
		this.end = end;
	}

	@Override
	byte[] decode(FrameInputStream in) throws IOException {
		if (in.resync && !Delimiters.resync(in, this.end)) {
			throw endOfStream();
		}
		if (!require(in, this.start.length, -1)) {
			throw endOfStream();
		}
		if (!ByteSearch.matchesAt(in.buf, in.pos, this.start)) {
			throw dropUntilStart(in);
		}
		int length = Delimiters.find(in, this.start.length, this.end, this.maxFrameSize, 0);
		if (length < 0) {
			int received = in.buffered();
			in.consume(received);
			throw new IncompleteFrameException(received, -1);
		}
		if (length > this.maxFrameSize) {
			in.consume(this.start.length + length + this.end.length);
			throw new FrameTooLargeException(this.maxFrameSize, length, "read a frame of " + length + " bytes");
		}
		byte[] frame = in.copy(this.start.length, length);
		in.consume(this.start.length + length + this.end.length);
		return frame;
	}

	private MalformedFrameException dropUntilStart(FrameInputStream in) {
		int next = ByteSearch.indexOf(in.buf, in.pos + 1, in.limit, this.start[0]);
		int dropped = (next < 0) ? in.buffered() : next - in.pos;
		int found = in.buf[in.pos] & 0xFF;
		in.consume(dropped);
		return new MalformedFrameException(String.format("expected the start sequence '%s' but read 0x%02x; dropped %d"
				+ " bytes up to the next possible start", Escapes.format(this.start), found, dropped));
	}

	@Override
	public void serialize(byte[] frame, OutputStream outputStream) throws IOException {
		Delimiters.checkWritable(frame, this.end);
		outputStream.write(this.start);
		outputStream.write(frame);
		outputStream.write(this.end);
	}

}
