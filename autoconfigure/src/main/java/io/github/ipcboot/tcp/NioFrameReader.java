package io.github.ipcboot.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
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
 * The buffer starts at {@value NioConnectionControl#READ_BUFFER_SIZE} bytes and grows, only while
 * a frame needs it, up to the largest frame with its framing bytes
 * ({@link FrameScanner#largestFrameBytes()}); it shrinks back once that frame is handled. Replies
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

	private final Incoming incoming;

	private final Consumer<Throwable> failed;

	private final Runnable close;

	private final int largest;

	private byte[] buffer = new byte[NioConnectionControl.READ_BUFFER_SIZE];

	private ByteBuffer target = ByteBuffer.wrap(this.buffer);

	private int position;

	private int limit;

	private volatile boolean handling;

	/** The thread that handles the frames read, while it does. */
	private volatile @Nullable Thread handler;

	private volatile boolean bytesWaiting;

	private volatile long lastHandled;

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
			ServerMessageMapper mapper, NioFrameWriter writer, Incoming incoming, Consumer<Throwable> failed,
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
		this.largest = Math.max(scanner.largestFrameBytes(), NioConnectionControl.READ_BUFFER_SIZE);
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
			SocketChannel channel, ConnectionStats stats, NioFrameWriter writer, Incoming incoming,
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
		makeRoom();
		int read = this.channel.read(this.target.limit(this.buffer.length).position(this.limit));
		if (read <= 0) {
			return read;
		}
		// the PROXY protocol header, if the server expects one, is not the connection's data
		ByteBuffer view = ByteBuffer.wrap(this.buffer, this.limit, read);
		if (!this.incoming.passOn(view)) {
			return 0;
		}
		int data = view.remaining();
		if (view.position() > this.limit) {
			System.arraycopy(this.buffer, view.position(), this.buffer, this.limit, data);
		}
		if (data > 0) {
			this.limit += data;
			this.stats.received(data);
			this.stats.reportReceived();
		}
		return data;
	}

	/**
	 * Make room after the unread bytes for the next read: move them to the front when little is
	 * left, grow the buffer (up to the largest frame) when they fill it, shrink it back once a
	 * large frame is done.
	 */
	private void makeRoom() {
		int unread = this.limit - this.position;
		if (this.buffer.length > NioConnectionControl.READ_BUFFER_SIZE && unread < NioConnectionControl.READ_BUFFER_SIZE) {
			resize(NioConnectionControl.READ_BUFFER_SIZE);
		}
		else if (this.buffer.length - this.limit < (this.buffer.length >>> 3) && this.position > 0) {
			System.arraycopy(this.buffer, this.position, this.buffer, 0, unread);
			this.position = 0;
			this.limit = unread;
		}
		if (this.limit == this.buffer.length) {
			// a frame larger than the buffer: the scanner has not reported it too large yet, so
			// the largest frame is larger than what is buffered
			resize((int) Math.min(this.largest, 2L * this.buffer.length));
		}
	}

	private void resize(int size) {
		int unread = this.limit - this.position;
		byte[] resized = new byte[size];
		System.arraycopy(this.buffer, this.position, resized, 0, unread);
		this.buffer = resized;
		this.target = ByteBuffer.wrap(resized);
		this.position = 0;
		this.limit = unread;
	}

	private void handleFrames() {
		ConnectionDeadlines deadlines = this.stats.deadlines();
		this.handling = true;
		this.handler = Thread.currentThread();
		try {
			while (!this.ended && this.connection.isOpen()) {
				int length;
				try {
					length = this.scanner.scan(this.buffer, this.position, this.limit);
				}
				catch (FramingException ex) {
					deadlines.frameEnded();
					notFrames(ex);
					return;
				}
				if (length == FrameScanner.INCOMPLETE) {
					break;
				}
				int offset = this.scanner.contentOffset();
				byte[] frame = Arrays.copyOfRange(this.buffer, offset, offset + this.scanner.contentLength());
				this.position += length;
				this.bytesWaiting = this.position < this.limit;
				deadlines.frameEnded();
				this.stats.frameRead();
				dispatch(frame);
			}
			if (this.position == this.limit) {
				this.position = 0;
				this.limit = 0;
				deadlines.frameEnded();
			}
			else if (!this.ended) {
				deadlines.frameWaiting();
			}
		}
		finally {
			this.bytesWaiting = this.limit > this.position;
			this.handling = false;
			this.handler = null;
			this.lastHandled = System.currentTimeMillis();
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
		return this.handling && this.bytesWaiting;
	}

	/**
	 * The bytes read are not frames that can be accepted: the rest of the stream cannot be read
	 * as frames. The frames before were handled; an oversized frame is answered by the
	 * dispatcher (reply as configured, then close), anything else closes the connection.
	 */
	private void notFrames(FramingException error) {
		this.ended = true;
		this.position = 0;
		this.limit = 0;
		this.bytesWaiting = false;
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
		IncompleteFrameException incomplete = this.scanner.endOfStream(this.limit - this.position);
		this.stats.deadlines().frameEnded();
		if (incomplete != null) {
			this.stats.frameFailed(incomplete);
			logger.debug("Connection " + this.connection.getConnectionId() + " ended inside a frame: "
					+ incomplete.getMessage());
		}
		this.position = 0;
		this.limit = 0;
		this.bytesWaiting = false;
		this.close.run();
	}

	private void readFailed(IOException ex) {
		this.ended = true;
		this.bytesWaiting = false;
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
	 * Takes what is not the connection's data (the PROXY protocol header) from the bytes read.
	 */
	interface Incoming {

		/**
		 * Take the bytes that are not the connection's data from the start of the buffer.
		 * @param buffer the bytes read, from its position to its limit
		 * @return whether what remains of the buffer is the connection's data
		 * @throws IOException if the bytes are not what the connection must begin with
		 */
		boolean passOn(ByteBuffer buffer) throws IOException;

		/**
		 * The client ended its sending side (a PROXY protocol header cut short is counted).
		 */
		void inputEnded();

	}

	/**
	 * Return whether request bytes wait, in the buffer or, asked on the thread that handles the
	 * connection's frames, already received by the socket (they are read now, and handled next):
	 * closing now would leave them unanswered.
	 * @return whether bytes wait
	 */
	boolean hasBufferedBytes() {
		if (this.bytesWaiting) {
			return true;
		}
		if (Thread.currentThread() != this.handler || this.ended) {
			return false;
		}
		try {
			if (readSocket() > 0) {
				this.bytesWaiting = true;
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
		return this.handling ? System.currentTimeMillis() : Math.max(lastRead, this.lastHandled);
	}

}
