package io.github.ipcboot.framing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds bytes in an array eight at a time (SWAR: SIMD within a register).
 */
final class ByteSearch {

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
			ByteOrder.LITTLE_ENDIAN);

	private static final long ONES = 0x0101010101010101L;

	private static final long HIGHS = 0x8080808080808080L;

	private ByteSearch() {
	}

	/**
	 * Return the index of the first {@code value} in {@code bytes[from, to)}, or -1.
	 */
	static int indexOf(byte[] bytes, int from, int to, byte value) {
		long pattern = ONES * (value & 0xFF);
		int i = from;
		for (int end = to - Long.BYTES; i <= end; i += Long.BYTES) {
			long word = (long) LONGS.get(bytes, i) ^ pattern;
			long found = (word - ONES) & ~word & HIGHS;
			if (found != 0) {
				// the lowest flagged byte is always a real match (borrows only run upwards)
				return i + (Long.numberOfTrailingZeros(found) >>> 3);
			}
		}
		for (; i < to; i++) {
			if (bytes[i] == value) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Return the index of the first complete {@code sequence} that starts in {@code bytes[from, to)}
	 * and ends by {@code to}, or -1.
	 */
	static int indexOf(byte[] bytes, int from, int to, byte[] sequence) {
		byte first = sequence[0];
		int lastStart = to - sequence.length;
		int i = from;
		while (i <= lastStart) {
			i = indexOf(bytes, i, lastStart + 1, first);
			if (i < 0) {
				return -1;
			}
			if (matchesAt(bytes, i, sequence)) {
				return i;
			}
			i++;
		}
		return -1;
	}

	static boolean matchesAt(byte[] bytes, int at, byte[] sequence) {
		for (int j = 1; j < sequence.length; j++) {
			if (bytes[at + j] != sequence[j]) {
				return false;
			}
		}
		return bytes[at] == sequence[0];
	}

	/**
	 * Return whether {@code sequence} shifted by {@code k} bytes matches itself, i.e.
	 * {@code sequence[k..]} equals {@code sequence[..length-k]}.
	 */
	static boolean matchesShifted(byte[] sequence, int k) {
		for (int i = k; i < sequence.length; i++) {
			if (sequence[i] != sequence[i - k]) {
				return false;
			}
		}
		return true;
	}

}
