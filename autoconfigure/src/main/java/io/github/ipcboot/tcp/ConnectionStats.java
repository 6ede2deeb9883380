package io.github.ipcboot.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

import io.github.ipcboot.framing.FrameTooLargeException;
import io.github.ipcboot.framing.FramingException;
import io.github.ipcboot.framing.IncompleteFrameException;
import io.github.ipcboot.tcp.TcpObserver.CloseReason;
import io.github.ipcboot.tcp.TcpObserver.FrameError;
import io.github.ipcboot.tcp.unix.UnixChannelView;
import org.jspecify.annotations.Nullable;

import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.SocketInfo;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * What one open connection has sent and received, why it closes, and the reports of both to its
 * {@link ConnectionRegistry}'s observer. The connection classes of this package call it from their
 * read, write and close paths.
 * <p>
 * Each counter has one writer at a time: the connection's reader (a Net connection's own thread,
 * or the NIO assembler that holds the connection's read lock) for what is received, the writer
 * holding the connection's write lock for what is sent. The counters are volatile so that the
 * endpoint can read them from any thread.
 */
final class ConnectionStats {

	private final ConnectionRegistry registry;

	private final TcpConnection connection;

	private final boolean frameErrorsClose;

	private final Instant openedAt = Instant.now();

	private volatile long bytesReceived;

	private final AtomicLong bytesReported = new AtomicLong();

	private volatile long bytesSent;

	private volatile long framesReceived;

	private volatile long framesSent;

	private volatile @Nullable CloseReason closeReason;

	private final AtomicBoolean tlsRejected = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile @Nullable CountingSerializer serializer;

	private final ConnectionDeadlines deadlines;

	private final PeerErrorLog peerErrors;

	ConnectionStats(ConnectionRegistry registry, TcpConnection connection, boolean frameErrorsClose) {
		this.registry = registry;
		this.connection = connection;
		this.frameErrorsClose = frameErrorsClose;
		this.deadlines = new ConnectionDeadlines(this);
		this.peerErrors = new PeerErrorLog(connection, registry.peerWarnings());
	}

	/**
	 * Return the statistics of the connection behind a server's session.
	 * @return the statistics, or {@code null} for a session of another kind
	 */
	static @Nullable ConnectionStats of(TcpSession session) {
		return (session instanceof ServerSession serverSession
				&& serverSession.connection() instanceof Tracked tracked) ? tracked.stats() : null;
	}

	/**
	 * A listener method is about to handle a frame of this connection.
	 * @param session the connection's session
	 * @return the handling to end when the method returns or throws
	 */
	TcpObserver.Handling handlerStarted(TcpSession session) {
		return this.registry.observer().handlerStarted(session);
	}

	TcpConnection connection() {
		return this.connection;
	}

	/**
	 * Return the clocks of this connection's write, frame and TLS handshake timeouts.
	 * @return the deadlines, watched by the server's watchdog when a timeout applies
	 */
	ConnectionDeadlines deadlines() {
		return this.deadlines;
	}

	/**
	 * Wrap the stream the connection reads from, so that what is read from it is counted.
	 * @param source the socket's (or the NIO connection's) input stream
	 * @return the counting stream
	 */
	InputStream countReads(InputStream source) {
		return new CountingInputStream(source, this);
	}

	/**
	 * Return a serializer that counts the bytes and frames it writes.
	 * @param delegate the connection's serializer
	 * @return the counting serializer
	 */
	Serializer<?> countWrites(Serializer<?> delegate) {
		CountingSerializer existing = this.serializer;
		if (existing != null && existing.isFor(delegate)) {
			return existing;
		}
		CountingSerializer created = new CountingSerializer(delegate, this);
		this.serializer = created;
		return created;
	}

	/**
	 * Read one frame, counting it or the frame error, with the frame clock running from its first
	 * byte.
	 * @param read the connection's own read
	 * @param inputWaiting whether bytes that follow the last frame are buffered already
	 * @return the frame
	 */
	Object readFrame(Supplier<Object> read, boolean inputWaiting) {
		this.deadlines.frameBegins(inputWaiting);
		try {
			Object frame = read.get();
			frameRead();
			return frame;
		}
		catch (UncheckedIOException ex) {
			if (ex.getCause() instanceof FramingException framingError) {
				frameFailed(framingError);
			}
			throw ex;
		}
		finally {
			this.deadlines.frameEnded();
			reportReceived();
		}
	}

	/**
	 * A frame was read whole.
	 */
	void frameRead() {
		this.framesReceived++;
		this.registry.observer().frameReceived();
	}

	/**
	 * The bytes read are not a frame that can be accepted: counted as a frame error, logged as
	 * the peer's protocol error.
	 * @param error what the codec found
	 */
	void frameFailed(FramingException error) {
		this.peerErrors.protocolError(error);
		this.registry.observer().frameError(frameError(error));
		if (this.frameErrorsClose) {
			hint(CloseReason.ERROR);
		}
	}

	private static FrameError frameError(FramingException error) {
		if (error instanceof FrameTooLargeException) {
			return FrameError.TOO_LARGE;
		}
		return (error instanceof IncompleteFrameException) ? FrameError.INCOMPLETE : FrameError.DECODE;
	}

	/**
	 * Return how many frames have been read whole (some perhaps not yet handed on).
	 */
	long framesReceived() {
		return this.framesReceived;
	}

	void received(long count) {
		this.bytesReceived += count;
		this.deadlines.bytesArrived();
	}

	/**
	 * Return the bytes read so far (after TLS decryption).
	 * @return the count
	 */
	long bytesReceived() {
		return this.bytesReceived;
	}

	/**
	 * A frame was not written because the connection had closed.
	 */
	void dropped() {
		this.registry.observer().frameDropped();
	}

	/**
	 * A frame was written, or failed part-way.
	 * @param bytes the bytes written
	 * @param whole whether the whole frame was written
	 */
	void sent(long bytes, boolean whole) {
		if (bytes > 0) {
			this.bytesSent += bytes;
			this.registry.observer().bytesSent(bytes);
		}
		if (whole) {
			this.framesSent++;
			this.registry.observer().frameSent();
		}
	}

	/**
	 * Report the bytes received since the last report to the observer (the NIO reader reports
	 * once per socket read).
	 */
	void reportReceived() {
		long total = this.bytesReceived;
		long reported = this.bytesReported.getAndAccumulate(total, Math::max);
		if (total > reported) {
			this.registry.observer().bytesReceived(total - reported);
		}
	}

	/**
	 * A read or write failed, or the connection timed out (Spring Integration publishes each as a
	 * connection exception event): remember why it is about to close.
	 * @param error the failure
	 */
	void failed(Throwable error) {
		this.peerErrors.failed(error);
		if (hasCause(error, SoftEndOfStreamException.class)) {
			// the peer closed the connection between two frames
			return;
		}
		if (hasCause(error, SocketTimeoutException.class)) {
			hint(CloseReason.IDLE);
			return;
		}
		if (hasCause(error, SSLException.class)) {
			if (this.connection.isServer() && this.framesReceived == 0
					&& this.tlsRejected.compareAndSet(false, true)) {
				this.registry.rejected(TcpObserver.RejectReason.TLS);
			}
			hint(CloseReason.ERROR);
			return;
		}
		// a socket read or write failed (the peer reset the connection or is gone): not an error of
		// the frames, of the listener or of the server
		boolean reset = !hasCause(error, FramingException.class) && hasCause(error, IOException.class);
		hint(reset ? CloseReason.RESET : CloseReason.ERROR);
	}

	/**
	 * The listener method threw while handling a frame of this connection.
	 */
	void listenerFailed(Throwable error) {
		// the server closes the connection unless its policy is to reply and go on
		if (error instanceof Error || this.registry.listenerErrorCloses()) {
			hint(CloseReason.ERROR);
		}
	}

	/**
	 * The connection is about to be closed for a reason its own I/O does not show (e.g. a
	 * client dropping a connection after a reply timeout); the first reason given counts.
	 * @param reason why it closes
	 */
	void closing(CloseReason reason) {
		hint(reason);
	}

	/**
	 * The server's watchdog closes the connection for a timeout: it counts as closed now, with
	 * that reason whatever was hinted before.
	 */
	void timedOut(CloseReason reason) {
		this.closeReason = reason;
		closed();
	}

	/**
	 * No thread could be started to serve the connection: it is turned away, and closes as an
	 * error.
	 */
	void threadRefused() {
		this.registry.rejected(TcpObserver.RejectReason.THREAD_LIMIT);
		hint(CloseReason.ERROR);
	}

	/**
	 * The connection did not start with a valid PROXY protocol header: it is turned away, logged
	 * as the peer's error, and closes as an error.
	 * @param error what was wrong
	 */
	void proxyHeaderFailed(Throwable error) {
		this.peerErrors.protocolError(error);
		this.registry.rejected(TcpObserver.RejectReason.PROXY_PROTOCOL);
		hint(CloseReason.ERROR);
	}

	/**
	 * The PROXY protocol header did not arrive within the header timeout: the connection is
	 * turned away (its close counts as the timeout).
	 */
	void proxyHeaderTimedOut() {
		this.registry.rejected(TcpObserver.RejectReason.PROXY_PROTOCOL);
	}

	/**
	 * The client a PROXY protocol header names was turned away (already counted): the connection
	 * closes as an error, as one whose TLS handshake failed.
	 */
	void proxiedClientRejected() {
		hint(CloseReason.ERROR);
	}

	private void hint(CloseReason reason) {
		if (this.closeReason == null) {
			this.closeReason = reason;
		}
	}

	private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
		for (Throwable current = error; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The connection is closing now (called once or more, right before its socket closes).
	 */
	void closed() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		if (!this.deadlines.isClosing()) {
			this.registry.unwatch(this.deadlines);
		}
		reportReceived();
		CloseReason reason = this.registry.isStopping() ? CloseReason.SHUTDOWN
				: Objects.requireNonNullElse(this.closeReason, CloseReason.NORMAL);
		this.registry.remove(this);
		this.registry.observer().connectionClosed(reason);
	}

	/**
	 * A close that wrote to the socket with the write clock running (see
	 * {@link ConnectionDeadlines#closeBegins()}) has returned: the watchdog stops watching.
	 */
	void closeReturned() {
		this.deadlines.closeEnded();
		this.registry.unwatch(this.deadlines);
	}

	ConnectionRegistry.ConnectionInfo info() {
		return new ConnectionRegistry.ConnectionInfo(this.connection.getConnectionId(), remoteAddress(), this.openedAt,
				this.bytesReceived, this.bytesSent, this.framesReceived, this.framesSent);
	}

	/**
	 * The peer's address and port, or on a Unix domain socket (whose peers have none) who the
	 * peer runs as.
	 */
	private String remoteAddress() {
		SocketInfo socket = this.connection.getSocketInfo();
		if (socket != null && socket.getChannel() instanceof UnixChannelView unix) {
			PeerCredentials peer = unix.peerCredentials();
			return "unix" + ((peer != null) ? " (user " + peer.user() + ", group " + peer.group() + ")" : "");
		}
		String host = this.connection.getHostAddress();
		String address = (host.indexOf(':') >= 0) ? "[" + host + "]" : host;
		return address + ":" + this.connection.getPort();
	}

	/**
	 * Implemented by the connections that keep statistics.
	 */
	interface Tracked {

		ConnectionStats stats();

	}

}
