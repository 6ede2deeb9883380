package io.github.ipcboot.tcp;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

import io.github.ipcboot.tcp.ProxyProtocolHeader.ProxyProtocolException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the PROXY protocol header at the start of one server connection, never a byte beyond it,
 * and admits the client it names; from then on the connection reports that client's address. A
 * blocking connection {@link #read reads} the header from its plain socket on its own thread before
 * anything else (a TLS handshake included); a NIO connection {@link #passOn hands} it each buffer
 * it reads, without blocking, and passes on what follows the header. The header clock of the
 * connection's {@link ConnectionDeadlines} runs from the accept until the header is read: the
 * server's watchdog closes a connection whose header takes longer than the header timeout.
 * <p>
 * A header that names no client (version 1 {@code UNKNOWN}, version 2 {@code LOCAL}, or an address
 * family other than IPv4 and IPv6: the balancer's own health check) leaves the connection's own
 * peer address in place, which must then pass {@code allowed-clients} itself. A connection that
 * ends before its first byte (a balancer's TCP check) is closed quietly; every other failure is
 * counted as a {@link TcpObserver.RejectReason#PROXY_PROTOCOL} rejection.
 */
final class ProxyHeaderReading {

	/** Enough for a version 1 header and a version 2 header of IPv6 addresses with a few TLVs. */
	private static final int INITIAL_CAPACITY = 128;

	private final TcpProxyProtocol protocol;

	private final InetSocketAddress peer;

	private final GateTicket ticket;

	private final ConnectionRegistry registry;

	private final ConnectionStats stats;

	/** The header's bytes so far; only the connection's reader touches them. */
	private byte[] bytes = new byte[INITIAL_CAPACITY];

	private int length;

	private volatile boolean done;

	private volatile @Nullable InetSocketAddress client;

	/**
	 * Start awaiting the header of a connection: its header clock runs from now.
	 * @param protocol the server's PROXY protocol settings
	 * @param peer the connection's own peer (the balancer)
	 * @param ticket the connection's place in its gate, which holds a place in all only
	 * @param registry the registry of the server's connections
	 * @param stats the connection's statistics
	 */
	ProxyHeaderReading(TcpProxyProtocol protocol, InetSocketAddress peer, GateTicket ticket,
			ConnectionRegistry registry, ConnectionStats stats) {
		this.protocol = protocol;
		this.peer = peer;
		this.ticket = ticket;
		this.registry = registry;
		this.stats = stats;
		stats.deadlines().headerBegins();
	}

	/**
	 * Read the header from a blocking stream, taking exactly its bytes, and admit its client.
	 * @param in the plain socket's stream, at its first byte
	 * @return whether the connection goes on; if not (the client was refused, the watchdog closed
	 * it, or it ended before its first byte) it is to be closed quietly
	 * @throws IOException if there was no valid header (counted, and to be closed)
	 */
	boolean read(InputStream in) throws IOException {
		int needed;
		while ((needed = missing()) > 0) {
			room(needed);
			int count;
			try {
				count = in.read(this.bytes, this.length, needed);
			}
			catch (IOException ex) {
				throw failed(ex);
			}
			if (count < 0) {
				return ended();
			}
			this.length += count;
		}
		return admit();
	}

	/**
	 * Take the header's bytes from a buffer a NIO connection has read, without blocking, and admit
	 * its client once the header is whole.
	 * @param buffer the bytes read, from its position to its limit
	 * @param refuse the connection's close, run when the client is refused
	 * @return whether the header has been read and its client admitted: the rest of the buffer
	 * (perhaps nothing) is the connection's data; else the buffer has been cleared for the next read
	 * @throws IOException if there was no valid header (counted, and to be closed)
	 */
	boolean passOn(ByteBuffer buffer, Runnable refuse) throws IOException {
		if (this.done) {
			return true;
		}
		int needed;
		while ((needed = missing()) > 0 && buffer.hasRemaining()) {
			int count = Math.min(needed, buffer.remaining());
			room(count);
			buffer.get(this.bytes, this.length, count);
			this.length += count;
		}
		if (needed > 0) {
			buffer.clear();
			return false;
		}
		if (!admit()) {
			buffer.clear();
			refuse.run();
			return false;
		}
		return true;
	}

	/**
	 * The connection is closing. If its header was still awaited, a header begun is counted as
	 * incomplete.
	 * @return whether the header was still awaited (nothing was read that could wait for a reply)
	 */
	boolean closing() {
		if (this.done) {
			return false;
		}
		if (this.stats.deadlines().headerEnded() && this.length > 0) {
			this.stats.proxyHeaderFailed(incomplete());
		}
		return true;
	}

	/**
	 * Return whether the header has been read and its client admitted.
	 */
	boolean isDone() {
		return this.done;
	}

	/**
	 * Return the address to report for the connection's peer.
	 * @param header the connection's header reading, or {@code null} when it has none
	 * @param own the connection's own peer address, as Spring Integration reports it
	 * @return the client's address once a header named one, else the connection's own
	 */
	static String hostAddress(@Nullable ProxyHeaderReading header, String own) {
		InetSocketAddress named = (header != null) ? header.client : null;
		return (named != null) ? named.getAddress().getHostAddress() : own;
	}

	/**
	 * Return the port to report for the connection's peer.
	 * @param header the connection's header reading, or {@code null} when it has none
	 * @param own the connection's own peer port
	 * @return the client's port once a header named one, else the connection's own
	 */
	static int port(@Nullable ProxyHeaderReading header, int own) {
		InetSocketAddress named = (header != null) ? header.client : null;
		return (named != null) ? named.getPort() : own;
	}

	private int missing() throws IOException {
		try {
			return ProxyProtocolHeader.missing(this.bytes, this.length, this.protocol.maxV2Length());
		}
		catch (ProxyProtocolException ex) {
			throw failed(ex);
		}
	}

	private void room(int count) {
		if (this.length + count > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.length + count, 2 * this.bytes.length));
		}
	}

	private boolean admit() throws IOException {
		InetSocketAddress named;
		try {
			named = ProxyProtocolHeader.read(new ByteArrayInputStream(this.bytes, 0, this.length),
					this.protocol.maxV2Length());
		}
		catch (IOException ex) {
			throw failed(ex);
		}
		this.bytes = new byte[0];
		if (!this.stats.deadlines().headerEnded()) {
			// the watchdog closed the connection meanwhile
			return false;
		}
		InetAddress address = ((named != null) ? named : this.peer).getAddress();
		if (!this.registry.admitProxied(this.ticket, address)) {
			this.stats.proxiedClientRejected();
			return false;
		}
		this.client = named;
		this.done = true;
		return true;
	}

	private boolean ended() throws IOException {
		if (this.length == 0) {
			// a balancer's TCP check: connected and closed without a byte
			this.stats.deadlines().headerEnded();
			return false;
		}
		throw failed(incomplete());
	}

	private EOFException incomplete() {
		return new EOFException("the connection ended inside the PROXY protocol header after " + this.length
				+ " bytes");
	}

	/**
	 * Count a failure, unless the watchdog closed the connection first (and counted the timeout).
	 */
	private IOException failed(IOException error) {
		if (this.stats.deadlines().headerEnded()) {
			this.stats.proxyHeaderFailed(error);
		}
		return error;
	}

}
