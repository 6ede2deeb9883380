package io.github.ipcboot.tcp;

import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read (and skipped) from a connection's input stream into its
 * {@link ConnectionStats}.
 */
final class CountingInputStream extends InputStream {

	private final InputStream source;

	private final ConnectionStats stats;

	CountingInputStream(InputStream source, ConnectionStats stats) {
		this.source = source;
		this.stats = stats;
	}

	@Override
	public int read() throws IOException {
		int read = this.source.read();
		if (read >= 0) {
			this.stats.received(1);
		}
		return read;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int read = this.source.read(buffer, offset, length);
		if (read > 0) {
			this.stats.received(read);
		}
		return read;
	}

	@Override
	public long skip(long count) throws IOException {
		long skipped = this.source.skip(count);
		if (skipped > 0) {
			this.stats.received(skipped);
		}
		return skipped;
	}

	@Override
	public int available() throws IOException {
		return this.source.available();
	}

	@Override
	public void close() throws IOException {
		this.source.close();
	}

}
