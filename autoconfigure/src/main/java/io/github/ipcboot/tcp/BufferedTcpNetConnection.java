package io.github.ipcboot.tcp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLSocket;

import io.github.ipcboot.framing.FrameInputStream;
import io.github.ipcboot.tcp.TcpObserver.CloseReason;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;

/**
 * A connection whose input stream is one {@link FrameInputStream}, created on first use. On
 * the server side, replies written by the connection's own reader thread while more request
 * bytes are already buffered are flushed together, right before the reader next reads from
 * the socket: a pipelining client gets its replies in few writes instead of one per reply.
 * A server's connection reads its PROXY protocol header (if the server speaks it) first, then
 * completes its TLS handshake (if any) with the handshake clock running; its replies run the write
 * clock of its {@link ConnectionDeadlines}.
 */
final class BufferedTcpNetConnection extends TcpNetConnection
		implements FrameSender, ConnectionStats.Tracked, ConnectionDeadlines.Abortable {

	/** How long closing a TLS socket may read what the client sent before its close_notify. */
	private static final int TLS_CLOSE_READ_MILLIS = 50;

	private final Socket socket;

	/** The plain TCP socket: the socket itself, or the one under its TLS layer. */
	private final Socket transport;

	private final boolean server;

	private final int bufferSize;

	private final GateTicket ticket;

	/** The PROXY protocol header to read first, or {@code null} when the server speaks none. */
	private final @Nullable ProxyHeaderReading header;

	private final ConnectionStats stats;

	private final ReentrantLock writeLock = new ReentrantLock();

	private volatile @Nullable FrameInputStream stream;

	private volatile @Nullable Thread reader;

	private @Nullable OutputStream out;

	private volatile boolean unflushed;

	BufferedTcpNetConnection(Socket socket, Socket transport, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName,
			int bufferSize, GateTicket ticket, ConnectionRegistry registry, @Nullable TcpProxyProtocol proxyProtocol) {
		super(socket, server, lookupHost, applicationEventPublisher, connectionFactoryName);
		this.socket = socket;
		this.transport = transport;
		this.server = server;
		this.bufferSize = bufferSize;
		this.ticket = ticket;
		this.stats = registry.register(this, false);
		this.header = (proxyProtocol != null) ? new ProxyHeaderReading(proxyProtocol,
				new InetSocketAddress(transport.getInetAddress(), transport.getPort()), ticket, registry, this.stats)
				: null;
		// read failures are logged by the statistics, once per connection at WARN at most;
		// Spring Integration logs them at DEBUG then, not at ERROR
		setNoReadErrorOnClose(true);
	}

	@Override
	public ConnectionStats stats() {
		return this.stats;
	}

	@Override
	public Object getPayload() {
		FrameInputStream buffered = this.stream;
		return this.stats.readFrame(super::getPayload, buffered != null && buffered.buffered() > 0);
	}

	@Override
	public Serializer<?> getSerializer() {
		return this.stats.countWrites(super.getSerializer());
	}

	@Override
	protected void publishConnectionExceptionEvent(Throwable cause) {
		this.stats.failed(cause);
		super.publishConnectionExceptionEvent(cause);
	}

	@Override
	public void run() {
		this.reader = Thread.currentThread();
		if (this.header != null && !readHeader(this.header)) {
			return;
		}
		if (this.server && this.socket instanceof SSLSocket tls && !handshake(tls)) {
			return;
		}
		super.run();
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

	@Override
	public String getHostAddress() {
		return ProxyHeaderReading.hostAddress(this.header, super.getHostAddress());
	}

	@Override
	public String getHostName() {
		return ProxyHeaderReading.hostAddress(this.header, super.getHostName());
	}

	@Override
	public int getPort() {
		return ProxyHeaderReading.port(this.header, super.getPort());
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
			close();
		}
		catch (IOException ex) {
			if (this.logger.isDebugEnabled()) {
				this.logger.debug(name + " of connection " + getConnectionId() + " failed: " + ex);
			}
			publishConnectionExceptionEvent(ex);
			closeConnection(true);
		}
		return false;
	}

	@Override
	public void send(Message<?> message) {
		if (!this.server) {
			super.send(message);
			return;
		}
		write(message, null, false);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * A reply written by the reader thread while more request bytes are buffered may wait for
	 * the flush before the next socket read.
	 */
	@Override
	public void sendFrame(byte[] frame, boolean deferrable) {
		if (!this.server) {
			super.send(new GenericMessage<>(frame));
			return;
		}
		write(null, frame, deferrable);
	}

	@SuppressWarnings("unchecked")
	private void write(@Nullable Message<?> message, byte @Nullable [] frame, boolean deferrable) {
		this.writeLock.lock();
		try {
			OutputStream target = this.out;
			if (target == null) {
				target = new BufferedOutputStream(
						new WatchedOutputStream(this.socket.getOutputStream(), this.stats.deadlines()),
						this.bufferSize);
				this.out = target;
			}
			Object payload = (frame != null) ? frame : getMapper().fromMessage(Objects.requireNonNull(message));
			((Serializer<Object>) getSerializer()).serialize(Objects.requireNonNull(payload, "payload"), target);
			if (deferrable && mayDeferFlush()) {
				this.unflushed = true;
			}
			else {
				target.flush();
				this.unflushed = false;
			}
		}
		catch (TcpFrameNotWritableException ex) {
			// nothing was written: the connection goes on
			throw ex;
		}
		catch (Exception ex) {
			MessagingException failure = new MessagingException(
					(message != null) ? message : new GenericMessage<>(Objects.requireNonNull(frame)), "Send Failed", ex);
			publishConnectionExceptionEvent(failure);
			closeConnection(true);
			throw failure;
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/**
	 * A reply may wait for the next socket read when the reader thread writes it and more
	 * request bytes are already buffered (the reader flushes before it reads again).
	 */
	private boolean mayDeferFlush() {
		FrameInputStream buffered = this.stream;
		return Thread.currentThread() == this.reader && buffered != null && buffered.buffered() > 0;
	}

	/**
	 * Whether request bytes wait, in the buffer or already received by the socket: closing
	 * now would leave them unanswered (and unread bytes make the close a reset, which can
	 * destroy replies the client has not read yet).
	 */
	boolean hasBufferedBytes() {
		FrameInputStream buffered = this.stream;
		try {
			return buffered != null && buffered.available() > 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void flushDeferred() {
		// never wait for another writer: it flushes what is buffered when it is done, and a
		// writer stuck on a client that does not read must not hold up the reader or close()
		if (!this.unflushed || !this.writeLock.tryLock()) {
			return;
		}
		// the reader is writing, not waiting for a frame: the write clock runs, the frame
		// clock does not
		ConnectionDeadlines deadlines = this.stats.deadlines();
		long pausedAt = System.nanoTime();
		long frameStarted = deadlines.pauseFrame();
		try {
			OutputStream target = this.out;
			if (this.unflushed && target != null) {
				this.unflushed = false;
				target.flush();
			}
		}
		catch (IOException ex) {
			closeConnection(true);
		}
		finally {
			deadlines.resumeFrame(frameStarted, pausedAt);
			this.writeLock.unlock();
		}
	}

	/**
	 * Close at once, even while another thread is blocked writing to a peer that does not
	 * read: with a zero linger the close resets the connection instead of waiting to send
	 * what is queued (a TLS socket would otherwise wait for the writer's lock to send its
	 * close_notify).
	 */
	void abort() {
		try {
			this.socket.setSoLinger(true, 0);
		}
		catch (IOException ex) {
			// closed already
		}
		close();
	}

	@Override
	public void close() {
		flushDeferred();
		this.ticket.release();
		if (this.socket instanceof SSLSocket && !this.socket.isClosed()) {
			closeTls();
			return;
		}
		// count the close first: once closed, the reader fails on the closed socket
		this.stats.closed();
		super.close();
	}

	/**
	 * Close a TLS socket without ever waiting for a client that does not read. Its close sends
	 * a close_notify, which needs the TLS socket's own write lock and room in the send buffer:
	 * while a writer of this connection holds the lock (blocked on such a client), the plain
	 * socket underneath is closed instead, so that the writer fails at once; otherwise the
	 * close_notify is written with the write clock running, and the connection stays watched
	 * until the close returns, so that the watchdog bounds it (by {@code write-timeout}, at most
	 * 1 s, also when no write timeout applies: a stop closes connections one after another).
	 */
	private void closeTls() {
		if (!this.writeLock.tryLock()) {
			this.stats.closed();
			closeTransport();
			super.close();
			return;
		}
		try {
			boundTlsClose();
			this.stats.deadlines().closeBegins();
			this.stats.closed();
			try {
				super.close();
			}
			finally {
				this.stats.closeReturned();
			}
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/**
	 * A TLS socket's close reads what the client has sent (up to its close_notify) when no
	 * thread is reading, for as long as the socket's read timeout allows: keep that wait short,
	 * so that a close (by the application, a timeout or the endpoint) is not held up by a
	 * client that sends nothing more.
	 */
	private void boundTlsClose() {
		try {
			this.socket.setSoTimeout(TLS_CLOSE_READ_MILLIS);
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	@Override
	public void abort(CloseReason reason) {
		// the reader fails on the closed socket: an expected failure, logged at debug
		setNoReadErrorOnClose(true);
		this.ticket.release();
		if (reason == CloseReason.WRITE_TIMEOUT) {
			try {
				// a reset: the replies the peer does not read are dropped at once
				this.transport.setSoLinger(true, 0);
			}
			catch (IOException ex) {
				// closed already
			}
		}
		closeTransport();
	}

	/**
	 * Close the plain TCP socket (under the TLS layer, if any) without a TLS close_notify: it
	 * never blocks, and a thread blocked on the socket fails at once.
	 */
	private void closeTransport() {
		try {
			this.transport.close();
		}
		catch (IOException ex) {
			// closed already
		}
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

	@Override
	protected InputStream inputStream() throws IOException {
		FrameInputStream existing = this.stream;
		if (existing != null) {
			return existing;
		}
		synchronized (this) {
			FrameInputStream created = this.stream;
			if (created == null) {
				created = new FrameInputStream(this.stats.countReads(super.inputStream()), this.bufferSize);
				if (this.server) {
					created.setBeforeSourceRead(this::flushDeferred);
				}
				this.stream = created;
			}
			return created;
		}
	}

}
