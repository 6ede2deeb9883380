package io.github.ipcboot.process;

import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Captures one output stream within a fixed limit: the first half of the limit keeps the head of
 * the stream, a ring buffer of the second half keeps its tail, and everything between is counted
 * and discarded. Buffers grow only as output arrives, so a short output costs a few bytes.
 */
final class BoundedCapture {

	private static final int INITIAL_CAPACITY = 256;

	private final int headLimit;

	private final int tailLimit;

	private byte[] head = new byte[0];

	private int headSize;

	private byte[] tail = new byte[0];

	/** Bytes in the tail buffer until it wraps, then always {@code tailLimit}. */
	private int tailSize;

	/** Where the next tail byte goes once the tail buffer has wrapped. */
	private int tailPosition;

	private long total;

	BoundedCapture(long limit) {
		int bounded = (int) Math.min(limit, Integer.MAX_VALUE - 16);
		this.headLimit = bounded - bounded / 2;
		this.tailLimit = bounded / 2;
	}

	synchronized void write(byte[] bytes, int offset, int length) {
		this.total += length;
		int toHead = Math.min(length, this.headLimit - this.headSize);
		if (toHead > 0) {
			this.head = grow(this.head, this.headSize + toHead, this.headLimit);
			System.arraycopy(bytes, offset, this.head, this.headSize, toHead);
			this.headSize += toHead;
		}
		writeTail(bytes, offset + toHead, length - toHead);
	}

	private void writeTail(byte[] bytes, int offset, int length) {
		if (length <= 0 || this.tailLimit == 0) {
			return;
		}
		if (length >= this.tailLimit) {
			this.tail = grow(this.tail, this.tailLimit, this.tailLimit);
			System.arraycopy(bytes, offset + length - this.tailLimit, this.tail, 0, this.tailLimit);
			this.tailSize = this.tailLimit;
			this.tailPosition = 0;
			return;
		}
		if (this.tailSize < this.tailLimit) {
			int toAppend = Math.min(length, this.tailLimit - this.tailSize);
			this.tail = grow(this.tail, this.tailSize + toAppend, this.tailLimit);
			System.arraycopy(bytes, offset, this.tail, this.tailSize, toAppend);
			this.tailSize += toAppend;
			offset += toAppend;
			length -= toAppend;
		}
		while (length > 0) {
			int chunk = Math.min(length, this.tailLimit - this.tailPosition);
			System.arraycopy(bytes, offset, this.tail, this.tailPosition, chunk);
			this.tailPosition = (this.tailPosition + chunk) % this.tailLimit;
			offset += chunk;
			length -= chunk;
		}
	}

	private static byte[] grow(byte[] buffer, int needed, int limit) {
		if (needed <= buffer.length) {
			return buffer;
		}
		long doubled = Math.max((long) buffer.length * 2, INITIAL_CAPACITY);
		return Arrays.copyOf(buffer, (int) Math.min(Math.max(doubled, needed), limit));
	}

	synchronized CapturedOutput snapshot(Charset charset) {
		byte[] tailBytes = new byte[this.tailSize];
		int fromPosition = this.tailSize - this.tailPosition;
		System.arraycopy(this.tail, this.tailPosition, tailBytes, 0, fromPosition);
		System.arraycopy(this.tail, 0, tailBytes, fromPosition, this.tailPosition);
		return new CapturedOutput(Arrays.copyOf(this.head, this.headSize), tailBytes, this.total, charset);
	}

}
