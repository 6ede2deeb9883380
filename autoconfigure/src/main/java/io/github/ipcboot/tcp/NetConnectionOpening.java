package io.github.ipcboot.tcp;

import java.io.IOException;
import java.net.Socket;
import java.util.function.Consumer;

import javax.net.ssl.SSLSocket;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;

/**
 * The steps of a {@code net} connection before its first frame, on its reader thread: a server's
 * connection reads its PROXY protocol header (if the server speaks it) from the plain socket,
 * then completes its TLS handshake (if any) with the handshake clock running. A step that fails
 * or that turns the client away closes the connection.
 */
final class NetConnectionOpening {

	private final TcpConnectionSupport connection;

	private final Log logger;

	private final Socket socket;

	private final Socket transport;

	private final boolean server;

	private final @Nullable ProxyHeaderReading header;

	private final ConnectionStats stats;

	private final Consumer<Throwable> publishFailure;

	private final Runnable closeAfterFailure;

	/**
	 * Create the opening of one connection.
	 * @param connection the connection, closed when a step turns its client away
	 * @param logger the connection's logger
	 * @param socket its socket (the TLS one of a TLS connection)
	 * @param transport the plain TCP socket: the socket itself, or the one under its TLS layer
	 * @param server whether it is a server's connection
	 * @param header the PROXY protocol header to read first, or {@code null} when the server
	 * speaks none
	 * @param stats its statistics, with its clocks
	 * @param publishFailure the connection's publication of a failed step
	 * @param closeAfterFailure the connection's close after a failed step
	 */
	NetConnectionOpening(TcpConnectionSupport connection, Log logger, Socket socket, Socket transport,
			boolean server, @Nullable ProxyHeaderReading header, ConnectionStats stats,
			Consumer<Throwable> publishFailure, Runnable closeAfterFailure) {
		this.connection = connection;
		this.logger = logger;
		this.socket = socket;
		this.transport = transport;
		this.server = server;
		this.header = header;
		this.stats = stats;
		this.publishFailure = publishFailure;
		this.closeAfterFailure = closeAfterFailure;
	}

	/**
	 * Run the steps before the first frame.
	 * @return whether the connection goes on; if not, it is closed
	 */
	boolean open() {
		if (this.header != null && !readHeader(this.header)) {
			return false;
		}
		return !(this.server && this.socket instanceof SSLSocket tls && !handshake(tls));
	}

	/**
	 * Read the PROXY protocol header from the plain socket, before a TLS handshake and the first
	 * frame, within the header timeout (the watchdog closes the socket under a read that waits
	 * longer).
	 * @return whether it succeeded and its client is admitted; if not, the connection is closed
	 */
	private boolean readHeader(ProxyHeaderReading reading) {
		return opening("PROXY protocol header", () -> reading.read(this.transport.getInputStream()));
	}

	/**
	 * Complete the TLS handshake before the first read, within the handshake timeout.
	 * @return whether it succeeded; if not, the connection is closed
	 */
	private boolean handshake(SSLSocket tls) {
		ConnectionDeadlines deadlines = this.stats.deadlines();
		deadlines.handshakeBegins();
		try {
			return opening("TLS handshake", () -> {
				tls.startHandshake();
				return true;
			});
		}
		finally {
			deadlines.handshakeEnded();
		}
	}

	/**
	 * Run a step that precedes the first frame. A step that fails (the client's failure, or the
	 * close of its timeout: counted, not a server error) or that turns the connection away closes it.
	 * @param name the step's name, for the log
	 * @param step the step
	 * @return whether the connection goes on
	 */
	private boolean opening(String name, OpeningStep step) {
		try {
			if (step.run()) {
				return true;
			}
			this.connection.close();
		}
		catch (IOException ex) {
			if (this.logger.isDebugEnabled()) {
				this.logger.debug(name + " of connection " + this.connection.getConnectionId() + " failed: " + ex);
			}
			this.publishFailure.accept(ex);
			this.closeAfterFailure.run();
		}
		return false;
	}

	/**
	 * A step before the first frame: the PROXY protocol header, the TLS handshake.
	 */
	@FunctionalInterface
	private interface OpeningStep {

		/**
		 * Run the step.
		 * @return whether the connection goes on; if not, it is closed
		 * @throws IOException if the step failed
		 */
		boolean run() throws IOException;

	}

}
