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
			throw tooLarge(length);
		}
		byte[] frame = in.copy(this.start.length, length);
		in.consume(this.start.length + length + this.end.length);
		return frame;
	}

	@Override
	int scan(FrameScanner scanner, byte[] buffer, int from, int to) throws FramingException {
		if (to - from < this.start.length) {
			return FrameScanner.INCOMPLETE;
		}
		if (!ByteSearch.matchesAt(buffer, from, this.start)) {
			throw notAStart(buffer[from] & 0xFF, "the rest of the stream cannot be read as frames");
		}
		int length = scanner.findDelimiter(buffer, from, this.start.length, to, this.end, this.maxFrameSize,
				(long) this.maxFrameSize + this.end.length - 1);
		if (length < 0) {
			return FrameScanner.INCOMPLETE;
		}
		if (length > this.maxFrameSize) {
			throw tooLarge(length);
		}
		return scanner.found(from + this.start.length, length, this.start.length + length + this.end.length);
	}

	@Override
	int largestFrameBytes() {
		return (int) Math.min(Integer.MAX_VALUE - 8, (long) this.start.length + this.maxFrameSize + this.end.length);
	}

	private MalformedFrameException dropUntilStart(FrameInputStream in) {
		int next = ByteSearch.indexOf(in.buf, in.pos + 1, in.limit, this.start[0]);
		int dropped = (next < 0) ? in.buffered() : next - in.pos;
		int found = in.buf[in.pos] & 0xFF;
		in.consume(dropped);
		return notAStart(found, "dropped " + dropped + " bytes up to the next possible start");
	}

	private MalformedFrameException notAStart(int found, String outcome) {
		return new MalformedFrameException(String.format("expected the start sequence '%s' but read 0x%02x; %s",
				Escapes.format(this.start), found, outcome));
	}

	private FrameTooLargeException tooLarge(int length) {
		return new FrameTooLargeException(this.maxFrameSize, length, "read a frame of " + length + " bytes");
	}

	@Override
	public void serialize(byte[] frame, OutputStream outputStream) throws IOException {
		Delimiters.checkWritable(frame, this.end);
		outputStream.write(this.start);
		outputStream.write(frame);
		outputStream.write(this.end);
	}

}
