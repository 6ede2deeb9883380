package io.github.ipcboot.tcp;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A socket's output stream whose writes run the write clock of the connection's
 * {@link ConnectionDeadlines}, handed to the socket in chunks so that progress shows.
 */
final class WatchedOutputStream extends OutputStream {

	private final OutputStream socket;

	private final ConnectionDeadlines deadlines;

	WatchedOutputStream(OutputStream socket, ConnectionDeadlines deadlines) {
		this.socket = socket;
		this.deadlines = deadlines;
	}

	@Override
	public void write(int b) throws IOException {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		this.deadlines.write(bytes, offset, length, this.socket::write);
	}

	@Override
	public void flush() throws IOException {
		this.socket.flush();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
