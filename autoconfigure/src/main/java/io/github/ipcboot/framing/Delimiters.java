package io.github.ipcboot.framing;

import java.io.IOException;

/**
 * Finding, skipping to and checking delimiters (terminators and end sequences) in a
 * {@link FrameInputStream}'s buffer.
 */
final class Delimiters {

	private Delimiters() {
	}

	/**
	 * Find the first delimiter after {@code offset} buffered bytes, reading more as needed.
	 * @param maxContent the largest content (bytes between offset and the delimiter) to accept
	 * @param extra content bytes the caller may drop afterwards (a CR before LF)
	 * @return the length of the content before the delimiter, or -1 at the end of the stream
	 * @throws FrameTooLargeException when more than {@code maxContent + extra} bytes come without
	 * a delimiter; the buffered bytes are then dropped and the stream is marked to skip to the
	 * next delimiter
	 */
	static int find(FrameInputStream in, int offset, byte[] delimiter, int maxContent, int extra)
			throws IOException {
		int keep = delimiter.length - 1;
		long unterminatedLimit = (long) maxContent + extra + keep;
		int capacity = (int) Math.min(Integer.MAX_VALUE - 8, offset + unterminatedLimit + 1);
		int scanned = 0;
		while (true) {
			int from = in.pos + offset;
			int at = indexOf(in.buf, from + scanned, in.limit, delimiter);
			if (at >= 0) {
				return at - from;
			}
			int unread = in.limit - from;
			if (unread > unterminatedLimit) {
				in.consume(offset + unread - keep);
				in.resync = true;
				throw unterminated(maxContent, unread - keep, delimiter);
			}
			scanned = Math.max(0, unread - keep);
			if (in.fill(1, capacity) < 0) {
				return -1;
			}
		}
	}

	/**
	 * Return the error for {@code seen} bytes that came without the delimiter, more than the
	 * largest frame.
	 */
	static FrameTooLargeException unterminated(int maxContent, int seen, byte[] delimiter) {
		return new FrameTooLargeException(maxContent, seen,
				"read " + seen + " bytes without the delimiter '" + Escapes.format(delimiter) + "'");
	}

	/**
	 * Skip to just after the next delimiter, if an earlier oversized frame asked for it.
	 * @return whether the stream goes on after it
	 */
	static boolean resync(FrameInputStream in, byte[] delimiter) throws IOException {
		int keep = delimiter.length - 1;
		while (in.resync) {
			int at = indexOf(in.buf, in.pos, in.limit, delimiter);
			if (at >= 0) {
				in.consume(at + delimiter.length - in.pos);
				in.resync = false;
			}
			else {
				in.consume(Math.max(0, in.buffered() - keep));
				if (in.fill(1, Math.max(in.capacity(), 2 * delimiter.length)) < 0) {
					in.consume(in.buffered());
					in.resync = false;
					return false;
				}
			}
		}
		return true;
	}

	static int indexOf(byte[] bytes, int from, int to, byte[] delimiter) {
		return (delimiter.length == 1) ? ByteSearch.indexOf(bytes, from, to, delimiter[0])
				: ByteSearch.indexOf(bytes, from, to, delimiter);
	}

	/**
	 * Check that a reader would find the first delimiter in {@code frame + delimiter} right after
	 * the frame, i.e. that the frame does not contain it, not even partly overlapping the
	 * delimiter written after it.
	 */
	static void checkWritable(byte[] frame, byte[] delimiter) throws MalformedFrameException {
		int at = indexOf(frame, 0, frame.length, delimiter);
		for (int k = Math.min(delimiter.length - 1, frame.length); at < 0 && k > 0; k--) {
			if (endsWithPrefix(frame, delimiter, k) && ByteSearch.matchesShifted(delimiter, k)) {
				at = frame.length - k;
			}
		}
		if (at >= 0) {
			throw new MalformedFrameException("frame of " + frame.length + " bytes contains the delimiter '"
					+ Escapes.format(delimiter) + "' at offset " + at + "; the receiver would cut it there");
		}
	}

	private static boolean endsWithPrefix(byte[] frame, byte[] delimiter, int k) {
		for (int i = 0; i < k; i++) {
			if (frame[frame.length - k + i] != delimiter[i]) {
				return false;
			}
		}
		return true;
	}

}
