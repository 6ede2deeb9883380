package io.github.ipcboot.framing;

import java.io.InputStream;

/**
 * Serves a byte array in reads of at most the given chunk sizes (cycled), so tests control how a
 * stream is cut into reads. Counts the reads.
 */
class ChunkedInputStream extends InputStream {

	private final byte[] data;

	private final int[] chunks;

	private int position;

	private int chunk;

	int reads;

	ChunkedInputStream(byte[] data, int... chunks) {
		this.data = data;
		this.chunks = (chunks.length > 0) ? chunks : new int[] { Integer.MAX_VALUE };
	}

	@Override
	public int read() {
		this.reads++;
		return (this.position < this.data.length) ? this.data[this.position++] & 0xFF : -1;
	}

	@Override
	public int read(byte[] b, int off, int len) {
		if (len == 0) {
			return 0;
		}
		this.reads++;
		if (this.position >= this.data.length) {
			return -1;
		}
		int size = Math.max(1, this.chunks[this.chunk++ % this.chunks.length]);
		int n = Math.min(Math.min(len, size), this.data.length - this.position);
		System.arraycopy(this.data, this.position, b, off, n);
		this.position += n;
		return n;
	}

	@Override
	public int available() {
		return this.data.length - this.position;
	}

	int position() {
		return this.position;
	}

}
