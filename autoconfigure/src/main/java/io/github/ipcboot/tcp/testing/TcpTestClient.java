package io.github.ipcboot.tcp.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import io.github.ipcboot.framing.FrameCodec;
import io.github.ipcboot.framing.FrameInputStream;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.TcpServerSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * A client for tests that talks to one configured {@link TcpServer} in the server's own framing
 * and charset: fluent {@link #send(String)}, {@link #expectFrame(String)},
 * {@link #expectFrames(int)} and {@link #expectClosed()}, each frame bounded by a timeout (however the
 * server spreads its bytes; a client that timed out is closed, since part of a frame may be read), failing
 * with an {@link AssertionError} that names the server.
 *
 * <pre>{@code
 * try (TcpTestClient client = clients.connect("orders")) {
 *     client.send("PING").expectFrame("PONG");
 *     client.send("QUIT").expectFrame("BYE").expectClosed();
 * }
 * }</pre>
 * Not thread-safe: one test thread uses one client. TLS servers are not supported.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public final class TcpTestClient implements AutoCloseable {

	/** How long a read waits for a frame or a close unless {@link #withTimeout(Duration)} says otherwise. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private static final int SEND_BUFFER_SIZE = 64 * 1024;

	private final String serverName;

	private final Socket socket;

	private final FrameCodec codec;

	private final Charset charset;

	private final DeadlineInputStream timed;

	private final FrameInputStream input;

	private final OutputStream output;

	private Duration timeout = DEFAULT_TIMEOUT;

	private TcpTestClient(String serverName, Socket socket, FrameCodec codec, Charset charset) throws IOException {
		this.serverName = serverName;
		this.socket = socket;
		this.codec = codec;
		this.charset = charset;
		this.timed = new DeadlineInputStream(socket);
		this.input = new FrameInputStream(this.timed);
		// a frame goes out in one write, however many pieces its codec writes
		this.output = new BufferedOutputStream(socket.getOutputStream(), SEND_BUFFER_SIZE);
	}

	/**
	 * Connect to a running server, on its bound port (also when it was configured with port 0),
	 * on the loopback address when it listens on all interfaces.
	 * @param server the server, started
	 * @return the connected client
	 * @throws IllegalStateException if the server uses TLS or is not listening
	 * @throws UncheckedIOException if the connection fails
	 */
	public static TcpTestClient connect(TcpServer server) {
		TcpServerSettings settings = server.getSettings();
		if (settings.tls() != null) {
			throw new IllegalStateException("TcpTestClient does not support TLS (TCP server '" + server.getName() + "')");
		}
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress(host(settings.address()), server.getPort()),
					(int) DEFAULT_TIMEOUT.toMillis());
			socket.setTcpNoDelay(true);
			return new TcpTestClient(server.getName(), socket, settings.framing().createCodec(), settings.charset());
		}
		catch (IOException ex) {
			closeQuietly(socket);
			throw new UncheckedIOException("Could not connect to TCP server '" + server.getName() + "' on port "
					+ server.getPort() + ": " + ex.getMessage(), ex);
		}
	}

	private static InetAddress host(@Nullable String address) throws IOException {
		if (address == null) {
			return InetAddress.getLoopbackAddress();
		}
		InetAddress resolved = InetAddress.getByName(address);
		return resolved.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : resolved;
	}

	/**
	 * Use another timeout for the reads that follow.
	 * @param timeout how long a read waits for a frame or a close; positive
	 * @return this client
	 */
	public TcpTestClient withTimeout(Duration timeout) {
		if (timeout.isZero() || timeout.isNegative()) {
			throw new IllegalArgumentException("timeout must be positive, got " + timeout);
		}
		this.timeout = timeout;
		return this;
	}

	/**
	 * Send a frame of text in the server's charset.
	 * @param frame the frame, without framing bytes
	 * @return this client
	 */
	public TcpTestClient send(String frame) {
		return send(frame.getBytes(this.charset));
	}

	/**
	 * Send a frame.
	 * @param frame the frame's bytes, without framing bytes
	 * @return this client
	 */
	public TcpTestClient send(byte[] frame) {
		try {
			this.codec.serialize(frame, this.output);
			this.output.flush();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not send to TCP server '" + this.serverName + "': " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Read the next frame as text.
	 * @return the frame
	 * @throws AssertionError if no frame arrives within the timeout or the server closes first
	 */
	public String readFrame() {
		return new String(readFrameBytes(), this.charset);
	}

	/**
	 * Read the next frame.
	 * @return the frame's bytes
	 * @throws AssertionError if no frame arrives within the timeout or the server closes first
	 */
	public byte[] readFrameBytes() {
		try {
			this.timed.startDeadline(this.timeout);
			return this.codec.deserialize(this.input);
		}
		catch (SocketTimeoutException ex) {
			// part of a frame may have been read: what follows would be out of step
			close();
			throw new AssertionError("No frame from TCP server '" + this.serverName + "' within " + this.timeout);
		}
		catch (SoftEndOfStreamException | SocketException ex) {
			throw new AssertionError("TCP server '" + this.serverName + "' closed the connection; expected a frame");
		}
		catch (IOException ex) {
			throw new AssertionError("Reading a frame from TCP server '" + this.serverName + "' failed: " + ex, ex);
		}
	}

	/**
	 * Read the next frame and check that it is the one expected.
	 * @param expected the frame's text
	 * @return this client
	 * @throws AssertionError if the frame differs, or none arrives in time
	 */
	public TcpTestClient expectFrame(String expected) {
		String frame = readFrame();
		if (!expected.equals(frame)) {
			throw new AssertionError("Expected frame \"" + expected + "\" from TCP server '" + this.serverName
					+ "' but got \"" + frame + "\"");
		}
		return this;
	}

	/**
	 * Read the next frame and hand it to an assertion, e.g.
	 * {@code expectFrame((frame) -> assertThat(frame).startsWith("OK"))}.
	 * @param assertion checks the frame's text
	 * @return this client
	 */
	public TcpTestClient expectFrame(Consumer<String> assertion) {
		assertion.accept(readFrame());
		return this;
	}

	/**
	 * Read the next frames and check that they are the ones expected, in order.
	 * @param expected the frames' texts
	 * @return this client
	 */
	public TcpTestClient expectFrames(String... expected) {
		List<String> frames = expectFrames(expected.length);
		if (!frames.equals(Arrays.asList(expected))) {
			throw new AssertionError("Expected frames " + Arrays.asList(expected) + " from TCP server '"
					+ this.serverName + "' but got " + frames);
		}
		return this;
	}

	/**
	 * Read a number of frames, each within the timeout.
	 * @param count how many
	 * @return their texts, in order
	 */
	public List<String> expectFrames(int count) {
		List<String> frames = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			try {
				frames.add(readFrame());
			}
			catch (AssertionError ex) {
				throw new AssertionError(ex.getMessage() + " (frame " + (i + 1) + " of " + count + ", after " + frames
						+ ")", ex);
			}
		}
		return frames;
	}

	/**
	 * Check that the server closes the connection within the timeout, sending no further frame.
	 * @throws AssertionError if a frame arrives or the connection stays open
	 */
	public void expectClosed() {
		byte[] frame;
		try {
			this.timed.startDeadline(this.timeout);
			frame = this.codec.deserialize(this.input);
		}
		catch (SoftEndOfStreamException | SocketException ex) {
			close();
			return;
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("TCP server '" + this.serverName + "' did not close the connection within "
					+ this.timeout);
		}
		catch (IOException ex) {
			throw new AssertionError("Reading from TCP server '" + this.serverName + "' failed: " + ex, ex);
		}
		throw new AssertionError("Expected TCP server '" + this.serverName + "' to close the connection but got frame \""
				+ new String(frame, this.charset) + "\"");
	}

	/**
	 * Return whether the client's socket is closed (by {@link #close()} or {@link #expectClosed()}).
	 * @return whether it is closed
	 */
	public boolean isClosed() {
		return this.socket.isClosed();
	}

	/**
	 * Close the connection.
	 */
	@Override
	public void close() {
		closeQuietly(this.socket);
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing a test connection
		}
	}

}
