package io.github.ipcboot.framing;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Frames that end at a terminator: {@code line}, {@code crlf}, {@code lf} and {@code terminator}.
 */
final class TerminatorCodec extends FrameCodec {

	private final byte[] terminator;

	private final byte[] written;

	private final boolean dropCarriageReturn;

	/**
	 * @param terminator the bytes that end a frame when reading
	 * @param written the bytes written after a frame
	 * @param dropCarriageReturn whether a CR right before the terminator is not part of the frame
	 */
	TerminatorCodec(Framing framing, byte[] terminator, byte[] written, boolean dropCarriageReturn) {
		super(framing);
		this.terminator = terminator;
		this.written = written;
		this.dropCarriageReturn = dropCarriageReturn;
	}

	@Override
	byte[] decode(FrameInputStream in) throws IOException {
		if (in.resync && !Delimiters.resync(in, this.terminator)) {
			throw endOfStream();
		}
		int extra = this.dropCarriageReturn ? 1 : 0;
		int length = Delimiters.find(in, 0, this.terminator, this.maxFrameSize, extra);
		if (length < 0) {
			int received = in.buffered();
			if (received == 0) {
				throw endOfStream();
			}
			in.consume(received);
			throw new IncompleteFrameException(received, -1);
		}
		int frameLength = contentLength(in.buf, in.pos, length);
		if (frameLength > this.maxFrameSize) {
			in.consume(length + this.terminator.length);
			throw tooLarge(frameLength);
		}
		byte[] frame = in.copy(0, frameLength);
		in.consume(length + this.terminator.length);
		return frame;
	}

	@Override
	int scan(FrameScanner scanner, byte[] buffer, int from, int to) throws FramingException {
		int extra = this.dropCarriageReturn ? 1 : 0;
		int length = scanner.findDelimiter(buffer, from, 0, to, this.terminator, this.maxFrameSize,
				(long) this.maxFrameSize + extra + this.terminator.length - 1);
		if (length < 0) {
			return FrameScanner.INCOMPLETE;
		}
		int frameLength = contentLength(buffer, from, length);
		if (frameLength > this.maxFrameSize) {
			throw tooLarge(frameLength);
		}
		return scanner.found(from, frameLength, length + this.terminator.length);
	}

	@Override
	int largestFrameBytes() {
		return (int) Math.min(Integer.MAX_VALUE - 8,
				(long) this.maxFrameSize + (this.dropCarriageReturn ? 1 : 0) + this.terminator.length);
	}

	/**
	 * Return the length of a frame's content: the bytes before the terminator but a CR right
	 * before it, if that is dropped.
	 */
	private int contentLength(byte[] buffer, int start, int length) {
		return (this.dropCarriageReturn && length > 0 && buffer[start + length - 1] == '\r') ? length - 1 : length;
	}

	private FrameTooLargeException tooLarge(int frameLength) {
		return new FrameTooLargeException(this.maxFrameSize, frameLength, "read a frame of " + frameLength + " bytes");
	}

	@Override
	public void serialize(byte[] frame, OutputStream outputStream) throws IOException {
		Delimiters.checkWritable(frame, this.terminator);
		outputStream.write(frame);
		outputStream.write(this.written);
	}

}
