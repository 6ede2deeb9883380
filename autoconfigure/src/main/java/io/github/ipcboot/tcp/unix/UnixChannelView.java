package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.github.ipcboot.tcp.PeerCredentials;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.jspecify.annotations.Nullable;

/**
 * A Unix domain socket channel as Spring Integration's NIO connection sees it. That connection
 * asks its channel for a {@link Socket} (which a Unix domain socket channel does not have) and, on
 * a write that does not complete at once, registers its channel with a selector of its own (which
 * a wrapper cannot be). This view answers with a {@link Socket} that reports the loopback address
 * and port 0, and writes each buffer completely, waiting for the socket to become writable; the
 * selector of the connection factory watches the real channel, the connection reads and writes
 * through the view. It also holds the peer's credentials, read once when the connection is made.
 * <p>
 * A connection served with blocking I/O reads through {@link #readBlocking}: on a channel in
 * blocking mode a plain blocking read (one system call per read), whose read timeout is kept by a
 * {@link ReadTimeoutWatchdog}; on a non-blocking channel a read, and when no data is there a timed
 * wait in a selector of the view's own, then a read again.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public final class UnixChannelView extends SocketChannel {

	/**
	 * How long one wait for a writable socket lasts before the view looks whether the channel was
	 * closed meanwhile (a write timeout closes it from another thread).
	 */
	private static final long WRITE_WAIT_MILLIS = 500;

	/** The read deadline when no watched read is in progress. */
	private static final long NOT_READING = Long.MIN_VALUE;

	/** The read deadline once the watchdog has ended a read that overstayed it. */
	private static final long TIMED_OUT = Long.MIN_VALUE + 1;

	private final SocketChannel channel;

	private final @Nullable PeerCredentials peer;

	private final Socket socket;

	private final ReentrantLock writeLock = new ReentrantLock();

	/** Opened with the first write that cannot complete at once (guarded by the write lock). */
	private @Nullable Selector writeSelector;

	/** Opened with the first blocking read that finds no data (used by the reading thread only). */
	private volatile @Nullable Selector readSelector;

	/** Ends blocking reads past their deadline, or {@code null} when none watches this channel. */
	private volatile @Nullable ReadTimeoutWatchdog readTimeouts;

	/** The deadline of the watched read in progress ({@link System#nanoTime()}), or a state. */
	private final AtomicLong readDeadline = new AtomicLong(NOT_READING);

	UnixChannelView(SocketChannel channel, @Nullable PeerCredentials peer) {
		super(channel.provider());
		this.channel = channel;
		this.peer = peer;
		this.socket = new UnixPeerSocket(this);
	}

	/**
	 * Read the credentials of a connected channel's peer.
	 * @param channel a connected Unix domain socket channel
	 * @return the credentials, or {@code null} when the platform does not report them
	 */
	static @Nullable PeerCredentials readCredentials(SocketChannel channel) {
		try {
			UnixDomainPrincipal principal = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
			return new PeerCredentials(principal.user().getName(), principal.group().getName());
		}
		catch (IOException | UnsupportedOperationException ex) {
			return null;
		}
	}

	/**
	 * Return the credentials of the peer.
	 * @return the credentials, or {@code null} when unknown (always for a client's connection)
	 */
	public @Nullable PeerCredentials peerCredentials() {
		return this.peer;
	}

	SocketChannel channel() {
		return this.channel;
	}

	@Override
	public int write(ByteBuffer src) throws IOException {
		this.writeLock.lock();
		try {
			int written = this.channel.write(src);
			while (src.hasRemaining()) {
				awaitWritable();
				written += this.channel.write(src);
			}
			return written;
		}
		finally {
			this.writeLock.unlock();
		}
	}

	@Override
	public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
		long written = 0;
		for (int i = offset; i < offset + length; i++) {
			written += write(srcs[i]);
		}
		return written;
	}

	private void awaitWritable() throws IOException {
		Selector selector = this.writeSelector;
		if (selector == null) {
			selector = Selector.open();
			this.writeSelector = selector;
			this.channel.register(selector, SelectionKey.OP_WRITE);
		}
		while (selector.select(WRITE_WAIT_MILLIS) == 0) {
			if (!this.channel.isOpen() || !isOpen()) {
				this.writeSelector = null;
				selector.close();
				throw new ClosedChannelException();
			}
		}
		selector.selectedKeys().clear();
	}

	/**
	 * Have the given watchdog end the blocking reads of this channel that last longer than
	 * their timeout; without one, a read with a timeout waits in a selector.
	 * @param watchdog the server's watchdog
	 */
	void watchReads(ReadTimeoutWatchdog watchdog) {
		if (watchdog.watch(this)) {
			this.readTimeouts = watchdog;
		}
	}

	/**
	 * Read as a blocking socket does, for a connection served with blocking I/O: wait for data
	 * (or the end of the stream) at most the given time.
	 * @param dst the buffer to read into
	 * @param timeoutMillis how long to wait; 0 for no limit
	 * @return the bytes read, or -1 at the end of the stream
	 * @throws SocketTimeoutException if nothing arrived in time
	 * @throws ClosedChannelException if the channel was closed meanwhile
	 */
	int readBlocking(ByteBuffer dst, int timeoutMillis) throws IOException {
		if (!this.channel.isBlocking()) {
			return selectAndRead(dst, timeoutMillis);
		}
		if (timeoutMillis <= 0 || !dst.hasRemaining()) {
			return this.channel.read(dst);
		}
		if (this.readTimeouts == null) {
			// nothing would end a blocking read in time: wait in a selector from now on
			this.channel.configureBlocking(false);
			return selectAndRead(dst, timeoutMillis);
		}
		return watchedRead(dst, timeoutMillis);
	}

	/**
	 * A blocking read whose deadline the watchdog sees; once it has ended one read (by closing
	 * the channel), this and every later read fail with a timeout.
	 */
	private int watchedRead(ByteBuffer dst, int timeoutMillis) throws IOException {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		if (!this.readDeadline.compareAndSet(NOT_READING, deadline)) {
			// only a read that timed out leaves another state
			throw readTimedOut(timeoutMillis, null);
		}
		try {
			return this.channel.read(dst);
		}
		catch (ClosedChannelException ex) {
			if (this.readDeadline.get() == TIMED_OUT) {
				throw readTimedOut(timeoutMillis, ex);
			}
			throw ex;
		}
		finally {
			this.readDeadline.compareAndSet(deadline, NOT_READING);
		}
	}

	private static SocketTimeoutException readTimedOut(int timeoutMillis, @Nullable Exception cause) {
		SocketTimeoutException timedOut = new SocketTimeoutException("Read timed out after " + timeoutMillis + " ms");
		if (cause != null) {
			timedOut.initCause(cause);
		}
		return timedOut;
	}

	/**
	 * End the read in progress if it is past its deadline: the channel is closed, the reading
	 * thread fails with a {@link SocketTimeoutException}.
	 * @param now the time ({@link System#nanoTime()})
	 * @return whether a read was ended
	 */
	boolean expireRead(long now) {
		long deadline = this.readDeadline.get();
		if (deadline == NOT_READING || deadline == TIMED_OUT || now - deadline < 0
				|| !this.readDeadline.compareAndSet(deadline, TIMED_OUT)) {
			return false;
		}
		try {
			close();
		}
		catch (IOException ex) {
			// closed as far as the reading thread is concerned
		}
		return true;
	}

	/**
	 * Read a non-blocking channel, waiting in a selector while no data is there.
	 */
	private int selectAndRead(ByteBuffer dst, int timeoutMillis) throws IOException {
		int read = this.channel.read(dst);
		if (read != 0 || !dst.hasRemaining()) {
			return read;
		}
		Selector selector = this.readSelector;
		if (selector == null) {
			selector = Selector.open();
			this.readSelector = selector;
			this.channel.register(selector, SelectionKey.OP_READ);
		}
		long deadline = (timeoutMillis > 0) ? System.nanoTime() + timeoutMillis * 1_000_000L : Long.MAX_VALUE;
		while (read == 0) {
			long left = (deadline == Long.MAX_VALUE) ? 0 : (deadline - System.nanoTime()) / 1_000_000L;
			if (deadline != Long.MAX_VALUE && left <= 0) {
				throw readTimedOut(timeoutMillis, null);
			}
			selector.select((deadline == Long.MAX_VALUE) ? 0 : Math.max(1, left));
			selector.selectedKeys().clear();
			if (!this.channel.isOpen() || !isOpen()) {
				this.readSelector = null;
				selector.close();
				throw new ClosedChannelException();
			}
			read = this.channel.read(dst);
		}
		return read;
	}

	@Override
	public int read(ByteBuffer dst) throws IOException {
		return this.channel.read(dst);
	}

	@Override
	public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
		return this.channel.read(dsts, offset, length);
	}

	@Override
	public SocketChannel bind(@Nullable SocketAddress local) throws IOException {
		this.channel.bind(local);
		return this;
	}

	@Override
	public <T> SocketChannel setOption(SocketOption<T> name, T value) throws IOException {
		this.channel.setOption(name, value);
		return this;
	}

	@Override
	public <T> T getOption(SocketOption<T> name) throws IOException {
		return this.channel.getOption(name);
	}

	@Override
	public Set<SocketOption<?>> supportedOptions() {
		return this.channel.supportedOptions();
	}

	@Override
	public SocketChannel shutdownInput() throws IOException {
		this.channel.shutdownInput();
		return this;
	}

	@Override
	public SocketChannel shutdownOutput() throws IOException {
		this.channel.shutdownOutput();
		return this;
	}

	@Override
	public Socket socket() {
		return this.socket;
	}

	@Override
	public boolean isConnected() {
		return this.channel.isConnected();
	}

	@Override
	public boolean isConnectionPending() {
		return this.channel.isConnectionPending();
	}

	@Override
	public boolean connect(SocketAddress remote) throws IOException {
		return this.channel.connect(remote);
	}

	@Override
	public boolean finishConnect() throws IOException {
		return this.channel.finishConnect();
	}

	@Override
	public @Nullable SocketAddress getRemoteAddress() throws IOException {
		return this.channel.getRemoteAddress();
	}

	@Override
	public @Nullable SocketAddress getLocalAddress() throws IOException {
		return this.channel.getLocalAddress();
	}

	@Override
	protected void implCloseSelectableChannel() throws IOException {
		ReadTimeoutWatchdog watchdog = this.readTimeouts;
		if (watchdog != null) {
			watchdog.unwatch(this);
		}
		try {
			this.channel.close();
		}
		finally {
			Selector reading = this.readSelector;
			if (reading != null) {
				// a reader waiting in select() wakes up, sees the channel closed and closes the selector
				reading.wakeup();
			}
			Selector selector = this.writeSelector;
			if (selector != null) {
				// a writer waiting in select() wakes up and sees the channel closed
				selector.wakeup();
				if (this.writeLock.tryLock()) {
					try {
						selector.close();
					}
					finally {
						this.writeLock.unlock();
					}
				}
			}
		}
	}

	@Override
	protected void implConfigureBlocking(boolean block) throws IOException {
		this.channel.configureBlocking(block);
	}

	@Override
	public String toString() {
		return "UnixChannelView[" + this.channel + "]";
	}

}
