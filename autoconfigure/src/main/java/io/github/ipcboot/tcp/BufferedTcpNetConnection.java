package io.github.ipcboot.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.ssl.SSLSocket;

import io.github.ipcboot.framing.FrameInputStream;
import io.github.ipcboot.tcp.TcpObserver.CloseReason;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.serializer.Serializer;
import org.springframework.messaging.Message;
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

	private final NetReplyWriter replies;

	private final NetConnectionOpening opening;

	private volatile @Nullable FrameInputStream stream;

	private volatile @Nullable Thread reader;

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
		this.replies = new NetReplyWriter(this, socket, bufferSize, this.stats, this::mayDeferFlush,
				this::publishConnectionExceptionEvent, () -> closeConnection(true));
		this.opening = new NetConnectionOpening(this, this.logger, socket, transport, server, this.header, this.stats,
				this::publishConnectionExceptionEvent, () -> closeConnection(true));
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
		if (!this.opening.open()) {
			return;
		}
		super.run();
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

	@Override
	public void send(Message<?> message) {
		if (!this.server) {
			super.send(message);
			return;
		}
		this.replies.write(message, null, false);
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
		this.replies.write(null, frame, deferrable);
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
		this.replies.flushDeferred();
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
		if (!this.replies.runUnlessWriting(this::closeTlsWatched)) {
			this.stats.closed();
			closeTransport();
			super.close();
		}
	}

	private void closeTlsWatched() {
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
					created.setBeforeSourceRead(this.replies::flushDeferred);
				}
				this.stream = created;
			}
			return created;
		}
	}

}
