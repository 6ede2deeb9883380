package io.github.ipcboot.tcp.autoconfigure;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;

import io.github.ipcboot.TestThreads;

/**
 * A client that sends and never reads its replies.
 */
final class WritingClient {

	private WritingClient() {
	}

	/**
	 * Write the same bytes again and again on a thread of its own: the writes block once the
	 * server stops reading (TCP holds the client back) and fail once it has closed the connection.
	 * @param socket the client's socket
	 * @param bytes what to write each time
	 * @return what completes once a write failed
	 */
	static CompletableFuture<Void> writeUntilClosed(Socket socket, byte[] bytes) {
		return TestThreads.runAsync(() -> {
			try {
				OutputStream out = socket.getOutputStream();
				while (true) {
					out.write(bytes);
				}
			}
			catch (IOException ex) {
				// the connection was closed
			}
		});
	}

}
