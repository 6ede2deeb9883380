package io.github.ipcboot.benchmarks.load;

/**
 * A running echo server on 127.0.0.1 that writes every CRLF-terminated line back, CRLF included.
 * Servers run in their own JVM under {@link EchoServerMain}; see {@link ServerKind} for the kinds.
 */
public interface EchoServer extends AutoCloseable {

	/** Longest line (CRLF included) a server has to accept; longer lines may close the connection. */
	int MAX_LINE_LENGTH = 8192;

	/**
	 * Return the port the server is bound to (the ephemeral one if it was started with port 0).
	 * @return the bound port
	 */
	int port();

	/**
	 * Stop accepting, close every connection and release the server's threads.
	 */
	@Override
	void close();

	/**
	 * Starts one kind of echo server.
	 */
	@FunctionalInterface
	interface Factory {

		/**
		 * Bind 127.0.0.1 on the given port and start echoing.
		 * @param port the port, 0 for an ephemeral one
		 * @return the running server
		 * @throws Exception if the server cannot start
		 */
		EchoServer start(int port) throws Exception;

	}

}
