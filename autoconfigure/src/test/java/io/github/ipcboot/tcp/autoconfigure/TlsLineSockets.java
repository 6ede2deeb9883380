package io.github.ipcboot.tcp.autoconfigure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The line exchanges of the plain-socket TLS peers of the TLS tests: a request and its reply line,
 * and a server loop that answers every line.
 */
final class TlsLineSockets {

	private TlsLineSockets() {
	}

	/**
	 * Write a line and read the reply line.
	 * @param socket the connected socket
	 * @param reader the reader of the socket's input
	 * @param line the line, without its CRLF
	 * @return the reply line, or {@code null} at the end of the stream
	 */
	static String request(Socket socket, BufferedReader reader, String line) throws IOException {
		socket.getOutputStream().write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
		socket.getOutputStream().flush();
		return reader.readLine();
	}

	/**
	 * Answer every line {@code <prefix><line>} until the peer closes.
	 * @param socket the accepted socket
	 * @param prefix what each answer starts with, e.g. {@code "OK "}
	 */
	static void answerLines(Socket socket, String prefix) throws IOException {
		BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
		String line;
		while ((line = in.readLine()) != null) {
			socket.getOutputStream().write((prefix + line + "\r\n").getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().flush();
		}
	}

}
