package io.github.ipcboot.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Streams over a blocking {@link SocketChannel} (a Unix domain socket has no {@code Socket}),
 * without the lock {@code Channels.newInputStream} holds while it reads (which would hold up a
 * write of another thread on the same channel).
 */
final class ChannelStreams {

	private ChannelStreams() {
	}

	/**
	 * Return a stream that reads the channel; {@code read(byte[], int, int)} only.
	 * @param channel a channel in blocking mode
	 * @return the stream
	 */
	static InputStream input(SocketChannel channel) {
		return new InputStream() {

			@Override
			public int read() throws IOException {
				throw new UnsupportedOperationException("read(byte[], int, int) only");
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				return channel.read(ByteBuffer.wrap(buffer, offset, length));
			}

		};
	}

	/**
	 * Return a stream that writes every byte to the channel before it returns.
	 * @param channel a channel in blocking mode
	 * @return the stream
	 */
	static OutputStream output(SocketChannel channel) {
		return new OutputStream() {

			@Override
			public void write(int b) throws IOException {
				write(new byte[] { (byte) b }, 0, 1);
			}

			@Override
			public void write(byte[] buffer, int offset, int length) throws IOException {
				ByteBuffer bytes = ByteBuffer.wrap(buffer, offset, length);
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
			}

		};
	}

}
