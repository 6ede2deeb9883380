package io.github.ipcboot.demo;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A client of the gateway's line protocol over a real socket on 127.0.0.1, for tests: writes
 * request lines and reads reply lines (CRLF), each read bounded by a socket timeout.
 */
public final class GatewayClient implements AutoCloseable {

	private static final int READ_TIMEOUT_MILLIS = 15_000;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	/**
	 * Connect over plain TCP.
	 * @param port the port of the {@code commands} server on 127.0.0.1
	 * @throws IOException if the connection fails
	 */
	public GatewayClient(int port) throws IOException {
		this(connect(new Socket(), port));
	}

	/**
	 * Use a socket that is connected already (for example a TLS socket).
	 * @param socket the socket
	 * @throws IOException if its streams cannot be opened
	 */
	public GatewayClient(Socket socket) throws IOException {
		this.socket = socket;
		this.socket.setSoTimeout(READ_TIMEOUT_MILLIS);
		this.in = new BufferedInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	/**
	 * Connect a socket to 127.0.0.1, bounded in time.
	 * @param socket an unconnected socket
	 * @param port the port
	 * @return the socket
	 * @throws IOException if the connection fails
	 */
	public static Socket connect(Socket socket, int port) throws IOException {
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
		return socket;
	}

	/**
	 * Write request lines (each ended with CRLF) in one write.
	 * @param lines the requests
	 * @throws IOException if the write fails
	 */
	public void send(String... lines) throws IOException {
		StringBuilder text = new StringBuilder();
		for (String line : lines) {
			text.append(line).append("\r\n");
		}
		sendBytes(text.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Write raw bytes.
	 * @param bytes the bytes
	 * @throws IOException if the write fails
	 */
	public void sendBytes(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
	}

	/**
	 * Write one request and read its reply.
	 * @param line the request
	 * @return the data lines and the final line
	 * @throws IOException if the connection fails or ends first
	 */
	public List<String> request(String line) throws IOException {
		send(line);
		return readReply();
	}

	/**
	 * Read the lines of one reply: data lines up to and including the final {@code OK}/{@code ERR}
	 * line.
	 * @return the lines
	 * @throws IOException if the connection fails or ends first
	 */
	public List<String> readReply() throws IOException {
		List<String> lines = new ArrayList<>();
		while (true) {
			String line = readLine();
			if (line == null) {
				throw new IOException("Connection closed after " + lines);
			}
			lines.add(line);
			if (isFinal(line)) {
				return lines;
			}
		}
	}

	/**
	 * Return whether a line is the final line of a reply.
	 * @param line a line
	 * @return whether it is {@code OK ...} or {@code ERR ...}
	 */
	public static boolean isFinal(String line) {
		return line.equals("OK") || line.startsWith("OK ") || line.equals("ERR") || line.startsWith("ERR ");
	}

	/**
	 * Read one line, without its CRLF.
	 * @return the line, or {@code null} if the server closed the connection
	 * @throws IOException if the read fails or times out
	 */
	public @Nullable String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = this.in.read()) != '\n') {
			if (b == -1) {
				return (line.size() == 0) ? null : line.toString(StandardCharsets.UTF_8);
			}
			line.write(b);
		}
		byte[] bytes = line.toByteArray();
		int length = (bytes.length > 0 && bytes[bytes.length - 1] == '\r') ? bytes.length - 1 : bytes.length;
		return new String(bytes, 0, length, StandardCharsets.UTF_8);
	}

	/**
	 * Return whether the server has closed the connection: the next read sees the end of the
	 * stream (or a reset) within the read timeout.
	 * @return whether it is closed
	 * @throws IOException if the read fails otherwise
	 */
	public boolean isClosedByServer() throws IOException {
		try {
			return this.in.read() == -1;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			// a reset: closed as well
			return true;
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
