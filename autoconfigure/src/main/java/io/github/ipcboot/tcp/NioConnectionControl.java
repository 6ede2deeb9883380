package io.github.ipcboot.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.github.ipcboot.tcp.TcpObserver.CloseReason;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.TcpNioConnection;

/**
 * What the admitted NIO connections of this package (plain and TLS) add to Spring Integration's:
 * statistics, the gate ticket, the byte-bounded backlog of a server connection, closes that take
 * effect at once, a client's half-close that still gets every reply, and the PROXY protocol header
 * of a server behind a load balancer. Each connection class
 * delegates its overrides here.
 * <p>
 * Spring Integration reads a NIO socket in a task ({@code readPacket()}) whenever it is readable,
 * and closes the connection itself when the read finds the end of the stream. That close (and only
 * that one) is held back until every frame read has been handled; every other close, by the
 * application, the Actuator endpoint, a timeout or a stop, takes effect at once. A read is held
 * back while the backlog is over its budget: the task waits a little for room, then hands the read
 * back to Spring Integration, which retries it after its read delay, so the socket is not read (and
 * TCP holds the client back) until handled frames free the budget.
 */
final class NioConnectionControl implements NioIncomingFilter {

	private static final Log logger = LogFactory.getLog(NioConnectionControl.class);

	/**
	 * How long a read waits for room in the backlog before it is handed back to Spring
	 * Integration to be retried after its read delay (the thread is free meanwhile).
	 */
	private static final long ROOM_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

	/**
	 * The most bytes one socket read takes, in a buffer the connection keeps for its life (Spring
	 * Integration's own size is 60 KiB): the codecs read a NIO connection byte by byte, which costs
	 * far more than the socket reads a smaller buffer adds.
	 */
	static final int READ_BUFFER_SIZE = 16 * 1024;

	private final TcpNioConnection connection;

	private final ConnectionStats stats;

	private final GateTicket ticket;

	private final InputStream pipe;

	private final InputStream input;

	private final @Nullable FrameBacklog backlog;

	private final @Nullable ProxyHeaderReading header;

	private final Runnable socketClose;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final AtomicBoolean socketClosed = new AtomicBoolean();

	private volatile @Nullable Thread reader;

	private volatile boolean readFailed;

	/**
	 * Create the control of one connection.
	 * @param connection the connection
	 * @param pipe the connection's own input stream (Spring Integration's buffer of what it read)
	 * @param ticket the connection's place in its gate
	 * @param registry the registry of its server's or client's connections
	 * @param maxPendingBytes the backlog's budget (servers), or 0 for no backlog (clients)
	 * @param socketClose the connection's own close
	 */
	NioConnectionControl(TcpNioConnection connection, InputStream pipe, GateTicket ticket, ConnectionRegistry registry,
			long maxPendingBytes, Runnable socketClose) {
		this(connection, pipe, ticket, registry, maxPendingBytes, socketClose, null, null);
	}

	/**
	 * Create the control of one server connection that may start with a PROXY protocol header.
	 * @param connection the connection
	 * @param pipe the connection's own input stream (Spring Integration's buffer of what it read)
	 * @param ticket the connection's place in its gate
	 * @param registry the registry of its server's connections
	 * @param maxPendingBytes the backlog's budget
	 * @param socketClose the connection's own close
	 * @param channel the connection's channel, or {@code null} when it speaks no PROXY protocol
	 * @param proxyProtocol the server's PROXY protocol settings, or {@code null} when it speaks none
	 */
	NioConnectionControl(TcpNioConnection connection, InputStream pipe, GateTicket ticket, ConnectionRegistry registry,
			long maxPendingBytes, Runnable socketClose, @Nullable SocketChannel channel,
			@Nullable TcpProxyProtocol proxyProtocol) {
		this.connection = connection;
		this.stats = registry.register(connection, true);
		this.header = (proxyProtocol != null && channel != null) ? new ProxyHeaderReading(proxyProtocol,
				new InetSocketAddress(channel.socket().getInetAddress(), channel.socket().getPort()), ticket, registry,
				this.stats) : null;
		this.ticket = ticket;
		this.pipe = pipe;
		this.input = this.stats.countReads(pipe);
		this.backlog = (maxPendingBytes > 0)
				? new FrameBacklog(maxPendingBytes, this::buffered, this.stats::bytesReceived, this::close) : null;
		this.socketClose = socketClose;
	}

	/**
	 * Return the size of a connection's read buffer.
	 * @param requested the size Spring Integration asks for
	 * @param minimum the least the connection needs (a TLS connection's buffer must hold a whole
	 * TLS record, whose end it waits for), or 0
	 * @return the size to allocate
	 */
	static int readBufferSize(int requested, int minimum) {
		return Math.min(requested, Math.max(READ_BUFFER_SIZE, minimum));
	}

	ConnectionStats stats() {
		return this.stats;
	}

	/**
	 * Return the reading of the connection's PROXY protocol header.
	 * @return the reading, or {@code null} when the server speaks no PROXY protocol
	 */
	@Nullable ProxyHeaderReading header() {
		return this.header;
	}

	/**
	 * Return the reading of a connection's PROXY protocol header, also while the connection is
	 * being built (and its control is not yet there).
	 * @param control the connection's control, or {@code null}
	 * @return the reading, or {@code null}
	 */
	static @Nullable ProxyHeaderReading header(@Nullable NioConnectionControl control) {
		return (control != null) ? control.header : null;
	}

	/**
	 * Take the PROXY protocol header (if any, and not read yet) from the bytes the connection has
	 * read, without blocking; a client the header names that is refused closes the connection.
	 * @param buffer the bytes read
	 * @return whether the rest of the buffer is the connection's data, to be handed on
	 * @throws IOException if the connection did not start with a valid header (counted)
	 */
	@Override
	public boolean passOn(ByteBuffer buffer) throws IOException {
		ProxyHeaderReading reading = this.header;
		return reading == null || reading.passOn(buffer, this::close);
	}

	/**
	 * The starter's reader found the end of the stream: a PROXY protocol header cut short is
	 * counted, as when Spring Integration's read finds it.
	 */
	@Override
	public void inputEnded() {
		ProxyHeaderReading reading = this.header;
		if (reading != null) {
			reading.closing();
		}
	}

	@Nullable FrameBacklog backlog() {
		return this.backlog;
	}

	/**
	 * Return the stream the codec reads from.
	 * @return the counting stream over the connection's buffer
	 */
	InputStream input() {
		return this.input;
	}

	/**
	 * Read a frame with the frame clock running once its first byte is there.
	 * @param read the connection's own read of a frame
	 * @return the frame
	 */
	Object readFrame(Supplier<Object> read) {
		return this.stats.readFrame(read, buffered() > 0);
	}

	private long buffered() {
		try {
			return this.pipe.available();
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/**
	 * Read from the socket now, or hand the read back to be retried later (by throwing
	 * {@link RejectedExecutionException}, which Spring Integration answers with a delayed read):
	 * while the backlog is full, and after the client ended its sending side.
	 * @param read the connection's own read
	 */
	void read(Runnable read) {
		FrameBacklog current = this.backlog;
		if (current != null) {
			if (current.isInputEnded()) {
				// nothing more to read; the connection closes once the last frame is handled
				current.closeIfExhausted();
				throw new RejectedExecutionException("The client has ended its sending side");
			}
			if (!current.awaitRoom(0)) {
				// only the listener frees room: a frame read in part waits for it, not for the client
				this.stats.deadlines().holdFrame();
			}
			if (!current.awaitRoom(ROOM_WAIT_NANOS) || this.closed.get()) {
				throw new RejectedExecutionException("The backlog of connection "
						+ this.connection.getConnectionId() + " is full (" + current.pendingBytes() + " bytes)");
			}
			this.stats.deadlines().releaseFrame();
		}
		this.readFailed = false;
		this.reader = Thread.currentThread();
		try {
			read.run();
		}
		finally {
			this.reader = null;
		}
	}

	/**
	 * Spring Integration is closing the connection itself: hold the close back if it is because
	 * the read found the end of the stream (the client ended its sending side) and frames read
	 * before may still wait for their replies.
	 * @return whether the close is held back (else the caller closes now)
	 */
	boolean holdBackEndOfStream() {
		ProxyHeaderReading reading = this.header;
		if (reading != null && reading.closing()) {
			// no frame read yet: nothing waits for a reply
			return false;
		}
		FrameBacklog current = this.backlog;
		if (current == null || Thread.currentThread() != this.reader || this.readFailed) {
			return false;
		}
		try {
			// the codec reads what is buffered, then the end of the stream
			this.pipe.close();
		}
		catch (IOException ex) {
			// nothing to release
		}
		current.endInput();
		return true;
	}

	/**
	 * A read or write failed, or the connection timed out. A failed read closes the connection
	 * here, quietly (the client went away or sent what is not TLS): it is handed back to Spring
	 * Integration as a rejected read, which would otherwise log it as an error.
	 * @param error the failure
	 * @param publish the connection's own publication of the failure
	 */
	void failed(Throwable error, Runnable publish) {
		this.stats.failed(error);
		publish.run();
		if (Thread.currentThread() == this.reader && error instanceof IOException) {
			this.readFailed = true;
			if (logger.isDebugEnabled()) {
				logger.debug("Closing connection " + this.connection.getConnectionId() + " after a failed read: "
						+ error);
			}
			close();
			throw new RejectedExecutionException("Connection " + this.connection.getConnectionId() + " is closed");
		}
	}

	/**
	 * Close the connection now: it gives its place back, counts its close and closes its socket;
	 * frames not handled yet are dropped.
	 */
	void close() {
		closed();
		if (this.socketClosed.compareAndSet(false, true)) {
			this.socketClose.run();
		}
	}

	/**
	 * The connection is closed from now on: no frame of its backlog is handed on, an assembler
	 * waiting for room wakes up, its place is given back and its close counted.
	 */
	private void closed() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		FrameBacklog current = this.backlog;
		if (current != null) {
			current.close();
		}
		this.ticket.release();
		// count the close first: once closed, the reader may fail on the closed stream
		this.stats.closed();
	}

	/**
	 * Close the connection for its server's watchdog without blocking: it is closed at once
	 * (backlog, place in the gate, count) and its channel closed. After a write timeout the
	 * connection's own close, which may wait, is left to the writer, which fails on the closed
	 * channel (or completed right before it closed): it runs when the last write ends; if none is
	 * in progress any more, or after a frame or handshake timeout, where no writer waits, it
	 * follows here.
	 * @param channel the connection's channel
	 * @param reason why the watchdog closes it
	 */
	void abort(SocketChannel channel, CloseReason reason) {
		closed();
		try {
			channel.close();
		}
		catch (IOException ex) {
			// closed already
		}
		if (reason != CloseReason.WRITE_TIMEOUT) {
			close();
		}
		else {
			this.stats.deadlines().closeAfterWrites(this::close);
		}
	}

	/**
	 * Return when the connection was last active, for Spring Integration's idle timeout: a
	 * connection whose frames are being handled is not idle.
	 * @param lastRead when the socket was last read
	 * @return the time in milliseconds
	 */
	long lastActive(long lastRead) {
		FrameBacklog current = this.backlog;
		return (current != null) ? current.lastActive(lastRead) : lastRead;
	}

}
