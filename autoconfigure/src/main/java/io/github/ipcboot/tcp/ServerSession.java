package io.github.ipcboot.tcp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.github.ipcboot.tcp.unix.UnixChannelView;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.SocketInfo;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.messaging.support.GenericMessage;

/**
 * The {@link TcpSession} of one server connection.
 */
final class ServerSession implements TcpSession {

	private static final Log logger = LogFactory.getLog(ServerSession.class);

	private final TcpConnection connection;

	private final String serverName;

	private final Charset charset;

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	/**
	 * The client's address, made from the connection's once asked for: a connection behind a load
	 * balancer reports its client's only once its PROXY protocol header is read, after the session
	 * was made (and before the first frame).
	 */
	private volatile @Nullable RemoteAddress remoteAddress;

	/** The connection's Unix domain socket, whose peer's credentials are read when asked for. */
	private final @Nullable UnixChannelView unix;

	private final FrameSequencer sequencer = new FrameSequencer();

	private final List<Runnable> closeCallbacks = new CopyOnWriteArrayList<>();

	private volatile boolean closed;

	/**
	 * Frames being handled and work begun with {@link #beginWork()} now; {@link #CLOSING} once a
	 * drain closes the idle connection.
	 */
	private final AtomicInteger handling = new AtomicInteger();

	private static final int CLOSING = -1;

	private static final long WORK_POLL_NANOS = 10_000_000;

	/** Whether the server is draining: work that ends then closes an idle connection. */
	private final BooleanSupplier draining;

	ServerSession(TcpConnection connection, String serverName, Charset charset, BooleanSupplier draining) {
		this.connection = connection;
		this.serverName = serverName;
		this.charset = charset;
		this.draining = draining;
		SocketInfo socket = connection.getSocketInfo();
		this.unix = (socket != null && socket.getChannel() instanceof UnixChannelView view) ? view : null;
	}

	private static InetAddress literal(String hostAddress) {
		try {
			// a literal address: no name service look-up
			return InetAddress.getByName(hostAddress);
		}
		catch (UnknownHostException ex) {
			return InetAddress.getLoopbackAddress();
		}
	}

	@Override
	public String id() {
		return this.connection.getConnectionId();
	}

	@Override
	public String serverName() {
		return this.serverName;
	}

	@Override
	public InetSocketAddress remoteAddress() {
		String host = this.connection.getHostAddress();
		int port = this.connection.getPort();
		RemoteAddress known = this.remoteAddress;
		if (known == null || !known.host().equals(host) || known.address().getPort() != port) {
			known = new RemoteAddress(host, new InetSocketAddress(literal(host), port));
			this.remoteAddress = known;
		}
		return known.address();
	}

	/**
	 * An address as the connection reports it, and made from that.
	 */
	private record RemoteAddress(String host, InetSocketAddress address) {
	}

	@Override
	public @Nullable PeerCredentials peerCredentials() {
		UnixChannelView view = this.unix;
		return (view != null) ? view.peerCredentials() : null;
	}

	@Override
	public Map<String, Object> attributes() {
		return this.attributes;
	}

	@Override
	public void send(byte[] frame) {
		send(frame, false);
	}

	/**
	 * Write the listener's reply, whose flush may wait while more requests are buffered. A reply
	 * to a connection that was closed while its listener ran, or whose client has gone, is
	 * dropped and counted.
	 */
	void sendReply(byte[] frame) {
		try {
			send(frame, true);
		}
		catch (TcpSessionClosedException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Dropped the reply of " + frame.length + " bytes: " + ex.getMessage(), ex.getCause());
			}
		}
	}

	private void send(byte[] frame, boolean deferrable) {
		if (!isOpen()) {
			dropped();
			throw new TcpSessionClosedException("Connection " + id() + " of server '" + this.serverName
					+ "' is closed: a frame of " + frame.length + " bytes was dropped", null);
		}
		try {
			if (this.connection instanceof FrameSender sender) {
				sender.sendFrame(frame, deferrable);
			}
			else {
				this.connection.send(new GenericMessage<>(frame));
			}
		}
		catch (TcpFrameNotWritableException ex) {
			// refused by the framing before a byte was written: the connection stays open
			throw ex;
		}
		catch (RuntimeException ex) {
			// the write failed, so the connection closed: the client has gone, or it was closed
			dropped();
			throw new TcpSessionClosedException("Could not send a frame of " + frame.length + " bytes on connection "
					+ id() + " of server '" + this.serverName + "'", ex);
		}
	}

	private void dropped() {
		if (this.connection instanceof ConnectionStats.Tracked tracked) {
			tracked.stats().dropped();
		}
	}

	@Override
	public void send(String frame) {
		send(frame.getBytes(this.charset));
	}

	@Override
	public boolean isOpen() {
		return !this.closed && this.connection.isOpen();
	}

	@Override
	public void close() {
		this.closed = true;
		this.connection.close();
	}

	@Override
	public void onClose(Runnable callback) {
		this.closeCallbacks.add(callback);
		if (this.closed && this.closeCallbacks.remove(callback)) {
			runCallback(callback);
		}
	}

	/**
	 * The connection has closed: run the close callbacks, each once.
	 */
	void closed() {
		this.closed = true;
		for (Runnable callback : this.closeCallbacks) {
			if (this.closeCallbacks.remove(callback)) {
				runCallback(callback);
			}
		}
	}

	private void runCallback(Runnable callback) {
		try {
			callback.run();
		}
		catch (RuntimeException ex) {
			logger.warn("A close callback of connection " + id() + " of server '" + this.serverName + "' failed", ex);
		}
	}

	Charset charset() {
		return this.charset;
	}

	TcpConnection connection() {
		return this.connection;
	}

	FrameSequencer sequencer() {
		return this.sequencer;
	}

	/**
	 * A frame is about to be handled.
	 * @return false if a drain is closing the connection as idle: drop the frame
	 */
	boolean beginHandling() {
		while (true) {
			int current = this.handling.get();
			if (current == CLOSING) {
				return false;
			}
			if (this.handling.compareAndSet(current, current + 1)) {
				return true;
			}
		}
	}

	/**
	 * A frame has been handled and its reply written.
	 */
	void endHandling() {
		this.handling.decrementAndGet();
	}

	@Override
	public Runnable beginWork() {
		if (!beginHandling()) {
			// a drain is closing the connection as idle: there is nothing left to keep open
			return () -> {
			};
		}
		AtomicBoolean ended = new AtomicBoolean();
		return () -> {
			if (ended.compareAndSet(false, true)) {
				endHandling();
				if (this.draining.getAsBoolean()) {
					closeIfIdle();
				}
			}
		};
	}

	/**
	 * Wait, while handling a frame, until the work begun with {@link #beginWork()} has ended, so
	 * that what the caller writes follows what the work writes; returns early once the connection
	 * is closed or the thread interrupted.
	 */
	void awaitWorkInFlight() {
		while (this.handling.get() > 1 && isOpen() && !Thread.currentThread().isInterrupted()) {
			LockSupport.parkNanos(WORK_POLL_NANOS);
		}
	}

	/**
	 * Close the connection for a drain if no frame is being handled and none waits, read but not
	 * yet handled.
	 * @return whether this call closed it
	 */
	boolean closeIfIdle() {
		if (hasFramesWaiting() || !this.handling.compareAndSet(0, CLOSING)) {
			return false;
		}
		close();
		return true;
	}

	private boolean hasFramesWaiting() {
		if (this.connection instanceof BufferedTcpNetConnection buffered) {
			return buffered.hasBufferedBytes();
		}
		if (this.connection instanceof GatedTcpNioConnection nio && nio.hasBufferedBytes()) {
			return true;
		}
		FrameBacklog backlog = backlog();
		return backlog != null && !backlog.isEmpty();
	}

	/**
	 * A frame of this connection was handled: a close held back for it may go ahead.
	 */
	void frameHandled() {
		FrameBacklog backlog = backlog();
		if (backlog != null) {
			backlog.finished();
		}
	}

	private @Nullable FrameBacklog backlog() {
		return (this.connection instanceof FrameBacklog.Tracked tracked) ? tracked.backlog() : null;
	}

	@Override
	public String toString() {
		return "TcpSession[" + this.serverName + " " + id() + "]";
	}

}
