package io.github.ipcboot.tcp;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

import io.github.ipcboot.framing.FrameCodec;
import io.github.ipcboot.framing.FrameScanner;
import io.github.ipcboot.framing.FrameTooLargeException;
import io.github.ipcboot.framing.FramingException;
import io.github.ipcboot.framing.IncompleteFrameException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;

/**
 * The read path of a plain NIO server connection whose frames only the server's
 * {@link TcpServerDispatcher} consumes: each time Spring Integration finds the socket readable it
 * calls {@code readPacket()}, which reads what the socket has into this reader's buffer, finds the
 * complete frames in it with the codec's {@link FrameScanner}, and hands them to the dispatcher
 * one after the other on that same thread, in the order they arrived. No pipe, no assembler task
 * and no reordering: Spring Integration does not select the socket again until the call returns,
 * so the socket is not read while frames are handled and TCP holds a client that sends faster
 * than the listener answers back.
 * <p>
 * The bytes read are kept in a {@link NioReadBuffer}, which starts at
 * {@value NioConnectionControl#READ_BUFFER_SIZE} bytes and grows, only while a frame needs it, up
 * to the largest frame with its framing bytes ({@link FrameScanner#largestFrameBytes()}); it
 * shrinks back once that frame is handled. Replies
 * written while more request bytes are buffered are flushed together, after the last complete
 * frame of the read, or before the connection closes if a frame of the read closes it (see
 * {@link NioFrameWriter#flushBeforeClose()}).
 * <p>
 * Each frame is counted as the codec reads it elsewhere; a frame over the maximum size is handed
 * to the dispatcher as the {@link FrameTooLargeException} (it replies as configured and closes
 * the connection: the rest of the stream cannot be read as frames); bytes that are not frames, or
 * a stream that ends inside a frame, are counted as frame errors and close the connection. The
 * frame clock of the frame timeout runs from the first byte of a frame until it is complete.
 */
final class NioFrameReader {

	private static final Log logger = LogFactory.getLog(NioFrameReader.class);

	/**
	 * The most socket reads of one task, so that a client that keeps sending does not hold a
	 * thread for ever (the selector schedules the connection again).
	 */
	static final int READS_PER_TASK = 16;

	private final TcpConnectionSupport connection;

	private final SocketChannel channel;

	private final FrameScanner scanner;

	private final ConnectionStats stats;

	private final ServerMessageMapper mapper;

	private final NioFrameWriter writer;

	private final NioIncomingFilter incoming;

	private final Consumer<Throwable> failed;

	private final Runnable close;

	private final NioReadBuffer bytes;

	private final NioReadActivity activity = new NioReadActivity();

	private volatile boolean ended;

	/**
	 * Create the reader of one connection.
	 * @param connection the connection
	 * @param channel its channel
	 * @param scanner the scanner of its codec, for this connection only
	 * @param stats its statistics
	 * @param mapper the server's mapper, which counts oversized frames
	 * @param writer its writer, whose deferred replies are flushed after each read
	 * @param incoming what takes the PROXY protocol header from the bytes read first
	 * @param failed the connection's publication of a failed read
	 * @param close the connection's own close
	 */
	NioFrameReader(TcpConnectionSupport connection, SocketChannel channel, FrameScanner scanner, ConnectionStats stats,
			ServerMessageMapper mapper, NioFrameWriter writer, NioIncomingFilter incoming, Consumer<Throwable> failed,
			Runnable close) {
		this.connection = connection;
		this.channel = channel;
		this.scanner = scanner;
		this.stats = stats;
		this.mapper = mapper;
		this.writer = writer;
		this.incoming = incoming;
		this.failed = failed;
		this.close = close;
		this.bytes = new NioReadBuffer(scanner.largestFrameBytes());
	}

	/**
	 * Create the reader of a connection if the starter reads its frames itself: a server's
	 * connection whose only consumer is the server's {@link TcpServerDispatcher} (no Spring
	 * Integration flow and no interceptor), with the server's mapper and a codec whose frames can
	 * be found in a buffer. Others go on with Spring Integration's read path.
	 * @param connection the connection, whose listener is registered
	 * @param server whether it is a server's connection
	 * @param channel its channel
	 * @param stats its statistics
	 * @param writer its writer
	 * @param incoming what takes the PROXY protocol header from the bytes read first
	 * @param failed the connection's publication of a failed read
	 * @param close the connection's own close
	 * @return the reader, or {@code null} to read with Spring Integration's path
	 */
	static @Nullable NioFrameReader forConnection(TcpConnectionSupport connection, boolean server,
			SocketChannel channel, ConnectionStats stats, NioFrameWriter writer, NioIncomingFilter incoming,
			Consumer<Throwable> failed, Runnable close) {
		if (server && connection.getListener() instanceof TcpServerDispatcher
				&& connection.getMapper() instanceof ServerMessageMapper mapper
				&& connection.getDeserializer() instanceof FrameCodec codec && codec.isScannable()) {
			return new NioFrameReader(connection, channel, codec.newScanner(), stats, mapper, writer, incoming,
					failed, close);
		}
		return null;
	}

	/**
	 * Read what the socket has and handle every complete frame in it. Called by Spring
	 * Integration (one call at a time per connection) when the socket is readable.
	 */
	void read() {
		// what arrived while the frames of a read were handled is read on: each return to the
		// selector costs two thread hand-offs
		for (int reads = 0; reads < READS_PER_TASK && !this.ended && this.connection.isOpen(); reads++) {
			int read;
			try {
				read = readSocket();
			}
			catch (IOException ex) {
				readFailed(ex);
				return;
			}
			if (read < 0) {
				endOfStream();
				return;
			}
			if (read == 0) {
				return;
			}
			handleFrames();
		}
	}

	/**
	 * Read what the socket has after the unread bytes, and count it.
	 * @return the bytes read, 0 if none is there, -1 at the end of the stream
	 */
	private int readSocket() throws IOException {
		int data = this.bytes.readFrom(this.channel, this.incoming);
		if (data > 0) {
			this.stats.received(data);
			this.stats.reportReceived();
		}
		return data;
	}

	private void handleFrames() {
		ConnectionDeadlines deadlines = this.stats.deadlines();
		this.activity.started();
		try {
			while (!this.ended && this.connection.isOpen()) {
				int length;
				try {
					length = this.bytes.scan(this.scanner);
				}
				catch (FramingException ex) {
					deadlines.frameEnded();
					notFrames(ex);
					return;
				}
				if (length == FrameScanner.INCOMPLETE) {
					break;
				}
				byte[] frame = this.bytes.take(this.scanner, length);
				this.activity.bytesWaiting(this.bytes.unread() > 0);
				deadlines.frameEnded();
				this.stats.frameRead();
				dispatch(frame);
			}
			if (this.bytes.unread() == 0) {
				this.bytes.clear();
				deadlines.frameEnded();
			}
			else if (!this.ended) {
				deadlines.frameWaiting();
			}
		}
		finally {
			this.activity.finished(this.bytes.unread() > 0);
			flushReplies();
		}
	}

	private void dispatch(Object payload) {
		org.springframework.integration.ip.tcp.connection.TcpListener listener = this.connection.getListener();
		if (listener != null) {
			listener.onMessage(new FrameMessage(payload, this.connection, FrameMessage.UNNUMBERED));
		}
	}

	private void flushReplies() {
		if (this.connection.isOpen()) {
			try {
				this.writer.flush();
			}
			catch (RuntimeException ex) {
				// published and closed by the writer
				logger.debug("Could not flush the replies of connection " + this.connection.getConnectionId(), ex);
			}
		}
	}

	/**
	 * Return whether a reply written now may wait for the flush after the read: more request
	 * bytes are buffered and this thread handles them.
	 * @return whether to defer the flush
	 */
	boolean mayDeferFlush() {
		return this.activity.mayDeferFlush();
	}

	/**
	 * The bytes read are not frames that can be accepted: the rest of the stream cannot be read
	 * as frames. The frames before were handled; an oversized frame is answered by the
	 * dispatcher (reply as configured, then close), anything else closes the connection.
	 */
	private void notFrames(FramingException error) {
		this.ended = true;
		this.bytes.clear();
		this.activity.bytesWaiting(false);
		this.stats.frameFailed(error);
		if (error instanceof FrameTooLargeException tooLarge) {
			this.mapper.countTooLarge(this.connection, tooLarge);
			dispatch(tooLarge);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Connection " + this.connection.getConnectionId() + ": " + error.getMessage()
					+ "; closing (the frames before were answered)");
		}
		flushReplies();
		this.close.run();
	}

	/**
	 * The client ended its sending side: every complete frame has been handled; what is left is
	 * a frame cut short (a frame error). The connection closes.
	 */
	private void endOfStream() {
		this.ended = true;
		this.incoming.inputEnded();
		IncompleteFrameException incomplete = this.scanner.endOfStream(this.bytes.unread());
		this.stats.deadlines().frameEnded();
		if (incomplete != null) {
			this.stats.frameFailed(incomplete);
			logger.debug("Connection " + this.connection.getConnectionId() + " ended inside a frame: "
					+ incomplete.getMessage());
		}
		this.bytes.clear();
		this.activity.bytesWaiting(false);
		this.close.run();
	}

	private void readFailed(IOException ex) {
		this.ended = true;
		this.activity.bytesWaiting(false);
		if (!this.connection.isOpen()) {
			// closed meanwhile (by the application, a timeout or a stop)
			return;
		}
		this.failed.accept(ex);
		if (logger.isDebugEnabled()) {
			logger.debug("Closing connection " + this.connection.getConnectionId() + " after a failed read: " + ex);
		}
		this.close.run();
	}

	/**
	 * Return whether request bytes wait, in the buffer or, asked on the thread that handles the
	 * connection's frames, already received by the socket (they are read now, and handled next):
	 * closing now would leave them unanswered.
	 * @return whether bytes wait
	 */
	boolean hasBufferedBytes() {
		if (this.activity.bytesWaiting()) {
			return true;
		}
		if (!this.activity.onHandlingThread() || this.ended) {
			return false;
		}
		try {
			if (readSocket() > 0) {
				this.activity.bytesWaiting(true);
				return true;
			}
			// the end of the stream or a failure: the next read finds it again
			return false;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Return when the connection was last active, for Spring Integration's idle timeout: now
	 * while frames are being handled, else when the last read was handled or the socket read.
	 * @param lastRead when Spring Integration last found the socket readable
	 * @return the time in milliseconds
	 */
	long lastActive(long lastRead) {
		return this.activity.lastActive(lastRead);
	}

}
