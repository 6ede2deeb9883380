package io.github.ipcboot.tcp;

import org.jspecify.annotations.Nullable;

/**
 * Told what happens on the connections of one TCP server or client: the hook that meters (see
 * {@code io.github.ipcboot.tcp.actuate}) or an application's own monitoring plug into. Set one
 * instance per server or client with {@link TcpServer#setObserver} or {@link TcpClient#setObserver};
 * every method has a default that does nothing.
 * <p>
 * Methods are called on the threads that do the I/O, often concurrently for different connections,
 * so implementations must be thread-safe and quick, and must not throw.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public interface TcpObserver {

	/**
	 * An observer that ignores everything.
	 */
	TcpObserver NONE = new TcpObserver() {
	};

	/**
	 * A connection was opened: admitted by a server, or connected by a client.
	 */
	default void connectionOpened() {
	}

	/**
	 * A connection that was {@linkplain #connectionOpened() opened} has closed.
	 * @param reason why it closed
	 */
	default void connectionClosed(CloseReason reason) {
	}

	/**
	 * A server turned a connection away (servers only). A connection whose TLS handshake fails,
	 * or that gets no thread, has been opened already; it is reported here with
	 * {@link RejectReason#TLS} or {@link RejectReason#THREAD_LIMIT} and closes with
	 * {@link CloseReason#ERROR}.
	 * @param reason why
	 */
	default void connectionRejected(RejectReason reason) {
	}

	/**
	 * Bytes were read from a connection: the framed bytes, after TLS decryption. Reported in
	 * batches, at the latest when a frame is complete and when the connection closes.
	 * @param count the number of bytes
	 */
	default void bytesReceived(long count) {
	}

	/**
	 * Bytes were written to a connection: the framed bytes of a frame, before TLS encryption.
	 * @param count the number of bytes
	 */
	default void bytesSent(long count) {
	}

	/**
	 * A whole frame was read from a connection.
	 */
	default void frameReceived() {
	}

	/**
	 * A frame was written to a connection.
	 */
	default void frameSent() {
	}

	/**
	 * A frame was not written because its connection had closed: the reply of a listener call
	 * that ended after the connection was closed (by the application, a timeout, a stop, or the
	 * client going away), or a frame sent on a closed {@link TcpSession}.
	 */
	default void frameDropped() {
	}

	/**
	 * The bytes read from a connection were not a valid frame.
	 * @param error what was wrong
	 */
	default void frameError(FrameError error) {
	}

	/**
	 * A server's {@link TcpListener} method is about to handle a frame (servers only). The returned
	 * handling is ended on the same thread once the method returns or throws.
	 * @param session the connection the frame came from
	 * @return the handling to end
	 */
	default Handling handlerStarted(TcpSession session) {
		return Handling.NONE;
	}

	/**
	 * A client's request–reply exchange has ended (clients only).
	 * @param outcome how it ended
	 * @param durationNanos how long it took, from the call (also while it waited for a free
	 * connection) to the reply or the failure
	 */
	default void requestCompleted(RequestOutcome outcome, long durationNanos) {
	}

	/**
	 * The server or client reloaded its SSL bundle: new connections use the new certificates.
	 * @since 0.2.0
	 */
	default void tlsReloaded() {
	}

	/**
	 * One call of a {@link TcpListener} method, from {@link #handlerStarted(TcpSession)} to
	 * {@link #end(Throwable)}.
	 */
	@FunctionalInterface
	interface Handling {

		/**
		 * A handling that does nothing when it ends.
		 */
		Handling NONE = (error) -> {
		};

		/**
		 * The listener method has returned or thrown.
		 * @param error what it threw, or {@code null} when it returned
		 */
		void end(@Nullable Throwable error);

	}

	/**
	 * Why a connection closed.
	 */
	enum CloseReason {

		/** The peer or the application closed it. */
		NORMAL,

		/** It stayed silent for longer than the idle timeout. */
		IDLE,

		/** An I/O error, a frame error, a failed TLS handshake or a listener failure closed it. */
		ERROR,

		/** The server was draining or stopping, or the client stopping, when it closed. */
		SHUTDOWN,

		/**
		 * A client connection received a frame (or bytes) that answered no request: a frame
		 * while no request waited, or more data right after a complete reply. Such a connection
		 * is never used again, so the frame cannot be taken for the reply to a later request.
		 */
		UNEXPECTED_FRAME,

		/**
		 * A client request was not written, or its reply not received, within the client's
		 * reply timeout; the connection is dropped so a late reply cannot answer a later request.
		 */
		REPLY_TIMEOUT,

		/** A reply made no progress for the server's write timeout (the peer does not read). */
		WRITE_TIMEOUT,

		/** A frame was not complete within the server's frame timeout after its first byte. */
		FRAME_TIMEOUT,

		/**
		 * The TLS handshake did not complete in time: a server's handshake timeout, or a client's
		 * connect timeout; or a server's PROXY protocol header did not arrive within its header
		 * timeout (also counted as a {@link RejectReason#PROXY_PROTOCOL} rejection).
		 */
		HANDSHAKE_TIMEOUT,

		/**
		 * The peer went away without a clean end of stream: a read or a write failed on the
		 * connection (reset, broken pipe).
		 */
		RESET,

		/**
		 * The reply to a client request had more frames or bytes than the client's
		 * max-reply-frames or max-reply-size.
		 */
		REPLY_TOO_LARGE

	}

	/**
	 * Why a server turned a connection away.
	 */
	enum RejectReason {

		/** The server had its maximum number of connections already. */
		MAX_CONNECTIONS,

		/**
		 * The client's address is not in the allowed ranges (or, behind a load balancer, the
		 * balancer is not a trusted proxy).
		 */
		NOT_ALLOWED,

		/** The server was draining or stopping. */
		SHUTTING_DOWN,

		/** The TLS handshake failed (or the peer did not speak TLS) before the first frame. */
		TLS,

		/**
		 * No thread could be started to serve the connection (the thread pool is full, or the
		 * operating system refused a thread); it has been opened already and closes with
		 * {@link CloseReason#ERROR}.
		 */
		THREAD_LIMIT,

		/** The server had the maximum number of connections from the client's address already. */
		MAX_CONNECTIONS_PER_CLIENT,

		/**
		 * A server that speaks the PROXY protocol got no valid header: the bytes were not one, the
		 * header was longer than its cap, or it did not arrive whole within the header timeout (the
		 * connection then closes with {@link CloseReason#HANDSHAKE_TIMEOUT}, else with
		 * {@link CloseReason#ERROR}). The connection has been opened already.
		 * @since 0.2.0
		 */
		PROXY_PROTOCOL

	}

	/**
	 * What was wrong with the bytes of a frame.
	 */
	enum FrameError {

		/** The frame was longer than the maximum frame size. */
		TOO_LARGE,

		/** The stream ended in the middle of a frame. */
		INCOMPLETE,

		/** The bytes did not follow the framing. */
		DECODE

	}

	/**
	 * How a client's request–reply exchange ended.
	 */
	enum RequestOutcome {

		/** The reply arrived. */
		SUCCESS,

		/** No connection became free, or no reply arrived, within the reply timeout. */
		TIMEOUT,

		/** The connection could not be made, or failed before the reply. */
		ERROR

	}

}
