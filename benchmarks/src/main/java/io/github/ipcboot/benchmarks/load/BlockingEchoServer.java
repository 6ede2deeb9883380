package io.github.ipcboot.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The echo server a Java developer writes by hand: a blocking {@link ServerSocket}, one platform
 * thread per connection, {@link BufferedInputStream} read a byte at a time up to CRLF, and a
 * {@link BufferedOutputStream} flushed when no more input is buffered (so a batch of pipelined
 * lines is answered with one write, as Netty's {@code channelReadComplete} does).
 */
public final class BlockingEchoServer implements EchoServer {

	private static final int BUFFER_SIZE = 8192;

	private final ServerSocket serverSocket;

	private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

	private BlockingEchoServer(ServerSocket serverSocket) {
		this.serverSocket = serverSocket;
	}

	/**
	 * Bind 127.0.0.1 on the given port and start echoing.
	 * @param port the port, 0 for an ephemeral one
	 * @return the running server
	 * @throws IOException if the port cannot be bound
	 */
	public static EchoServer start(int port) throws IOException {
		BlockingEchoServer server = new BlockingEchoServer(new ServerSocket(port, 128, InetAddress.getLoopbackAddress()));
		Thread acceptor = new Thread(server::accept, "echo-accept");
		acceptor.setDaemon(true);
		acceptor.start();
		return server;
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
		return this.serverSocket.getLocalPort();
	}

	private void accept() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				socket.setTcpNoDelay(true);
				this.connections.add(socket);
				Thread thread = new Thread(() -> serve(socket), "echo-" + socket.getPort());
				thread.setDaemon(true);
				thread.start();
			}
			catch (IOException ex) {
				// closed, or a connection failed before it was accepted; the loop condition decides
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			InputStream in = new BufferedInputStream(socket.getInputStream(), BUFFER_SIZE);
			OutputStream out = new BufferedOutputStream(socket.getOutputStream(), BUFFER_SIZE);
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
			this.connections.remove(socket);
		}
	}

	@Override
	public void close() {
		try {
			this.serverSocket.close();
		}
		catch (IOException ex) {
			// already closed
		}
		for (Socket socket : this.connections) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// already closed
			}
		}
	}

}
