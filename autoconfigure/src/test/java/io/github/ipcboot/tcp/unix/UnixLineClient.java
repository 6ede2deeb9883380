package io.github.ipcboot.tcp.unix;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A test client for line servers on a Unix domain socket; every read is bounded by 20 s (a
 * blocking channel has no read timeout: the read runs on a thread of the client, and the channel
 * is closed when it takes too long).
 */
final class UnixLineClient implements AutoCloseable {

	private static final long READ_TIMEOUT_SECONDS = 20;

	private final SocketChannel channel;

	private final BufferedReader reader;

	private final OutputStream out;

	private final ExecutorService reads = Executors.newSingleThreadExecutor();

	UnixLineClient(Path path) throws IOException {
		this.channel = SocketChannel.open(StandardProtocolFamily.UNIX);
		this.channel.connect(UnixDomainSocketAddress.of(path));
		// streams of their own: those of Channels hold the channel's blocking lock while they read,
		// which would hold up a write during a read
		this.reader = new BufferedReader(new InputStreamReader(new InputStream() {

			@Override
			public int read() throws IOException {
				byte[] one = new byte[1];
				return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xff;
			}

			@Override
			public int read(byte[] b, int off, int len) throws IOException {
				return UnixLineClient.this.channel.read(ByteBuffer.wrap(b, off, len));
			}

		}, StandardCharsets.UTF_8));
		this.out = new OutputStream() {

			@Override
			public void write(int b) throws IOException {
				write(new byte[] { (byte) b }, 0, 1);
			}

			@Override
			public void write(byte[] b, int off, int len) throws IOException {
				ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
				while (buffer.hasRemaining()) {
					UnixLineClient.this.channel.write(buffer);
				}
			}

		};
	}

	UnixLineClient send(String line) throws IOException {
		return write(line + "\r\n");
	}

	UnixLineClient write(String raw) throws IOException {
		this.out.write(raw.getBytes(StandardCharsets.UTF_8));
		this.out.flush();
		return this;
	}

	/**
	 * Read a line, or {@code null} when the server closed the connection (or reset it).
	 */
	String readLine() throws IOException {
		Future<String> line = this.reads.submit(() -> {
			try {
				return this.reader.readLine();
			}
			catch (IOException ex) {
				// a reset counts as closed
				return null;
			}
		});
		try {
			return line.get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			close();
			throw new IOException("no line within " + READ_TIMEOUT_SECONDS + " s", ex);
		}
		catch (ExecutionException ex) {
			throw new IOException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	String request(String line) throws IOException {
		return send(line).readLine();
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
		this.reads.shutdownNow();
	}

}
