package io.github.ipcboot.tcp.testing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A socket's input whose reads share one deadline: before each read the socket's timeout is set to
 * what is left, so that a server that sends a byte now and then cannot stretch a read of one frame
 * past the timeout.
 */
final class DeadlineInputStream extends FilterInputStream {

	private final Socket socket;

	private long deadline;

	DeadlineInputStream(Socket socket) throws IOException {
		super(socket.getInputStream());
		this.socket = socket;
		this.deadline = System.nanoTime();
	}

	/**
	 * Begin a read that must end within the timeout.
	 * @param timeout the time the reads that follow get, together
	 */
	void startDeadline(Duration timeout) {
		this.deadline = System.nanoTime() + timeout.toNanos();
	}

	@Override
	public int read() throws IOException {
		arm();
		return super.read();
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		arm();
		return super.read(buffer, offset, length);
	}

	private void arm() throws IOException {
		long left = TimeUnit.NANOSECONDS.toMillis(this.deadline - System.nanoTime());
		if (left <= 0) {
			throw new SocketTimeoutException("deadline passed");
		}
		this.socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
	}

}
