package io.github.ipcboot.benchmarks.load;

import java.nio.charset.StandardCharsets;

/**
 * The load client's 64-byte lines: 62 printable payload bytes and CRLF. The payload carries the
 * connection number and a sequence number, and a filler derived from the sequence number, so that
 * every echoed line can be checked byte for byte and its place in the order recovered:
 * {@code c=0003 s=000000000042 } followed by 40 letters.
 */
final class Lines {

	/** Length of a line on the wire, CRLF included. */
	static final int LENGTH = 64;

	private static final int CONNECTION_AT = 2;

	private static final int CONNECTION_DIGITS = 4;

	private static final int SEQUENCE_AT = 9;

	private static final int SEQUENCE_DIGITS = 12;

	private static final int FILLER_AT = 22;

	private static final byte[] PREFIX = "c=0000 s=000000000000 ".getBytes(StandardCharsets.US_ASCII);

	private Lines() {
	}

	/**
	 * Write the line for the given connection and sequence number into {@code target} at
	 * {@code offset}.
	 */
	static void write(byte[] target, int offset, int connection, long sequence) {
		System.arraycopy(PREFIX, 0, target, offset, PREFIX.length);
		digits(target, offset + CONNECTION_AT, CONNECTION_DIGITS, connection);
		digits(target, offset + SEQUENCE_AT, SEQUENCE_DIGITS, sequence);
		for (int i = FILLER_AT; i < LENGTH - 2; i++) {
			target[offset + i] = (byte) ('a' + (int) ((sequence + i) % 26));
		}
		target[offset + LENGTH - 2] = '\r';
		target[offset + LENGTH - 1] = '\n';
	}

	/**
	 * Return the sequence number of a line of the given connection, or -1 if the bytes are not such
	 * a line (wrong length, another connection, no digits where they belong).
	 */
	static long sequence(byte[] source, int offset, int length, int connection) {
		if (length != LENGTH || source[offset] != 'c' || source[offset + 1] != '='
				|| parse(source, offset + CONNECTION_AT, CONNECTION_DIGITS) != connection) {
			return -1;
		}
		return parse(source, offset + SEQUENCE_AT, SEQUENCE_DIGITS);
	}

	private static void digits(byte[] target, int offset, int count, long value) {
		long rest = value;
		for (int i = offset + count - 1; i >= offset; i--) {
			target[i] = (byte) ('0' + (rest % 10));
			rest /= 10;
		}
	}

	private static long parse(byte[] source, int offset, int count) {
		long value = 0;
		for (int i = offset; i < offset + count; i++) {
			int digit = source[i] - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

}
