package io.github.ipcboot.benchmarks.framing;

import java.io.InputStream;

/**
 * An endless in-memory stream that replays the same bytes, at most {@code readSize} bytes per
 * read, like a socket delivering 8 KiB reads. Not synchronized, so it costs a byte-by-byte reader
 * as little as possible.
 */
final class ReplayInputStream extends InputStream {

	private final byte[] data;

	private final int readSize;

	private int position;

	ReplayInputStream(byte[] data, int readSize) {
		this.data = data;
		this.readSize = readSize;
	}

	@Override
	public int read() {
		if (this.position == this.data.length) {
			this.position = 0;
		}
		return this.data[this.position++] & 0xFF;
	}

	@Override
	public int read(byte[] b, int off, int len) {
		if (this.position == this.data.length) {
			this.position = 0;
		}
		int n = Math.min(Math.min(len, this.readSize), this.data.length - this.position);
		System.arraycopy(this.data, this.position, b, off, n);
		this.position += n;
		return n;
	}

	@Override
	public int available() {
		return this.data.length - this.position;
	}

}
