package io.github.ipcboot.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The echo server a Java developer writes by hand: a blocking {@link ServerSocket}, one platform
 * thread per connection, {@link BufferedInputStream} read a byte at a time up to CRLF, and a
 * {@link BufferedOutputStream} flushed when no more input is buffered (so a batch of pipelined
 * lines is answered with one write, as Netty's {@code channelReadComplete} does).
 * {@link #unix(int)} serves the same on a Unix domain socket: a blocking
 * {@link ServerSocketChannel}, each connection read and written with blocking channel calls (the
 * floor a Unix socket server on the JVM can reach in this harness).
 */
public final class BlockingEchoServer implements EchoServer {

	private static final int BUFFER_SIZE = 8192;

	private final Closeable listening;

	private final int port;

	private final Set<Closeable> connections = ConcurrentHashMap.newKeySet();

	private BlockingEchoServer(Closeable listening, int port) {
		this.listening = listening;
		this.port = port;
	}

	/**
	 * Bind 127.0.0.1 on the given port and start echoing.
	 * @param port the port, 0 for an ephemeral one
	 * @return the running server
	 * @throws IOException if the port cannot be bound
	 */
	public static EchoServer start(int port) throws IOException {
		ServerSocket serverSocket = new ServerSocket(port, 128, InetAddress.getLoopbackAddress());
		BlockingEchoServer server = new BlockingEchoServer(serverSocket, serverSocket.getLocalPort());
		start("echo-accept", () -> server.accept(serverSocket));
		return server;
	}

	/**
	 * Listen on the Unix domain socket the runner gave in {@value UnixSocketPath#ENVIRONMENT}
	 * and start echoing.
	 * @param port not used
	 * @return the running server
	 * @throws IOException if the path cannot be bound
	 */
	public static EchoServer unix(int port) throws IOException {
		ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		channel.bind(UnixDomainSocketAddress.of(UnixSocketPath.fromEnvironment()), 128);
		BlockingEchoServer server = new BlockingEchoServer(channel, 0);
		start("echo-accept", () -> server.accept(channel));
		return server;
	}

	private static void start(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Run the server as its own process; see {@link EchoServerMain}.
	 * @param args optionally the port and {@value EchoServerMain#WATCH_STDIN}
	 * @throws Exception if the server cannot start
	 */
	public static void main(String[] args) throws Exception {
		EchoServerMain.run(ServerKind.BLOCKING, List.of(args));
	}

	@Override
	public int port() {
		return this.port;
	}

	private void accept(ServerSocket serverSocket) {
		while (!serverSocket.isClosed()) {
			try {
				Socket socket = serverSocket.accept();
				socket.setTcpNoDelay(true);
				InputStream in = socket.getInputStream();
				OutputStream out = socket.getOutputStream();
				this.connections.add(socket);
				start("echo-" + socket.getPort(), () -> serve(socket, in, out));
			}
			catch (IOException ex) {
				// closed, or a connection failed before it was accepted; the loop condition decides
			}
		}
	}

	private void accept(ServerSocketChannel serverChannel) {
		int count = 0;
		while (serverChannel.isOpen()) {
			try {
				SocketChannel channel = serverChannel.accept();
				this.connections.add(channel);
				start("echo-unix-" + (++count),
						() -> serve(channel, ChannelStreams.input(channel), ChannelStreams.output(channel)));
			}
			catch (IOException ex) {
				// closed, or a connection failed before it was accepted; the loop condition decides
			}
		}
	}

	private void serve(Closeable connection, InputStream input, OutputStream output) {
		try (connection) {
			InputStream in = new BufferedInputStream(input, BUFFER_SIZE);
			OutputStream out = new BufferedOutputStream(output, BUFFER_SIZE);
			byte[] line = new byte[MAX_LINE_LENGTH];
			int length = 0;
			int next;
			while ((next = in.read()) >= 0) {
				if (length == line.length) {
					return;
				}
				line[length++] = (byte) next;
				if (next == '\n' && length > 1 && line[length - 2] == '\r') {
					out.write(line, 0, length);
					length = 0;
					if (in.available() == 0) {
						out.flush();
					}
				}
			}
		}
		catch (IOException ex) {
			// the peer went away or the server is closing
		}
		finally {
			this.connections.remove(connection);
		}
	}

	@Override
	public void close() {
		try {
			this.listening.close();
		}
		catch (IOException ex) {
			// already closed
		}
		for (Closeable connection : this.connections) {
			try {
				connection.close();
			}
			catch (IOException ex) {
				// already closed
			}
		}
	}

}
