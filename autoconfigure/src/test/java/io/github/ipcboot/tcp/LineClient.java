package io.github.ipcboot.tcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A test client for line servers on 127.0.0.1, every read bounded by a 10 s socket timeout.
 */
public final class LineClient implements AutoCloseable {

	private final Socket socket;

	private final BufferedReader reader;

	private final OutputStream out;

	public LineClient(int port) throws IOException {
		this(new Socket(InetAddress.getLoopbackAddress(), port));
	}

	/**
	 * Talk over a connected socket (e.g. an {@code SSLSocket}).
	 */
	public LineClient(Socket socket) throws IOException {
		this.socket = socket;
		this.socket.setSoTimeout(10_000);
		this.socket.setTcpNoDelay(true);
		this.reader = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
		this.out = this.socket.getOutputStream();
	}

	/**
	 * Return the client's own port, which the server sees as the remote port.
	 */
	public int localPort() {
		return this.socket.getLocalPort();
	}

	public LineClient send(String line) throws IOException {
		return write(line + "\r\n");
	}

	public LineClient write(String raw) throws IOException {
		return write(raw.getBytes(StandardCharsets.UTF_8));
	}

	public LineClient write(byte[] raw) throws IOException {
		this.out.write(raw);
		this.out.flush();
		return this;
	}

	/**
	 * Read a line, or {@code null} when the server closed the connection.
	 */
	public String readLine() throws IOException {
		return this.reader.readLine();
	}

	public String request(String line) throws IOException {
		send(line);
		return readLine();
	}

	/**
	 * Return whether the server closed the connection (end of stream or reset).
	 */
	public boolean isClosedByServer() {
		try {
			return this.reader.read() == -1;
		}
		catch (IOException ex) {
			return !(ex instanceof java.net.SocketTimeoutException);
		}
	}

	/**
	 * Close the sending side only (the server reads the end of the stream), keep reading.
	 */
	public void shutdownOutput() throws IOException {
		this.socket.shutdownOutput();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
