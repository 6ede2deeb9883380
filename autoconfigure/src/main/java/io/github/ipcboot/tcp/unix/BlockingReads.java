package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * How a connection served with blocking I/O reads its Unix domain socket channel, as a blocking
 * socket with a read timeout reads:
 * <ul>
 * <li>a channel in blocking mode is read with one blocking call; with a timeout, the read stamps
 * its deadline, and the {@link ReadTimeoutWatchdog} closes the channel of a read past it, which
 * then fails with a {@link SocketTimeoutException} (as does every later read);</li>
 * <li>a non-blocking channel, or a blocking one with a timeout that no watchdog watches (it is
 * then made non-blocking), is read, and while no data is there waited for in a selector of its
 * own, within the timeout.</li>
 * </ul>
 * A pending interrupt of the reading thread is set aside for the call: a channel in blocking mode
 * is closed by an interrupt of a thread that uses it and a selector returns at once for one,
 * while a socket ignores it; a listener that restored its thread's interrupt flag must not close
 * the connection under the next read. An interrupt that arrives during a read still closes the
 * channel (as a stop's does). One thread reads at a time.
 */
final class BlockingReads {

	/** The read deadline when no watched read is in progress. */
	private static final long NOT_READING = Long.MIN_VALUE;

	/** The read deadline once the watchdog has ended a read that overstayed it. */
	private static final long TIMED_OUT = Long.MIN_VALUE + 1;

	private final UnixChannelView view;

	private final SocketChannel channel;

	/** The deadline of the watched read in progress ({@link System#nanoTime()}), or a state. */
	private final AtomicLong deadline = new AtomicLong(NOT_READING);

	/** Ends blocking reads past their deadline, or {@code null} when none watches the channel. */
	private volatile @Nullable ReadTimeoutWatchdog watchdog;

	/** Opened with the first wait for data (used by the reading thread only). */
	private volatile @Nullable Selector selector;

	BlockingReads(UnixChannelView view, SocketChannel channel) {
		this.view = view;
		this.channel = channel;
	}

	/**
	 * Have the given watchdog end the reads past their deadline (unless it was stopped).
	 * @param watchdog the server's watchdog
	 */
	void watch(ReadTimeoutWatchdog watchdog) {
		if (watchdog.watch(this.view)) {
			this.watchdog = watchdog;
		}
	}

	/**
	 * Read, waiting for data (or the end of the stream) at most the given time.
	 * @param dst the buffer to read into
	 * @param timeoutMillis how long to wait; 0 for no limit
	 * @return the bytes read, or -1 at the end of the stream
	 * @throws SocketTimeoutException if nothing arrived in time
	 * @throws ClosedChannelException if the channel was closed meanwhile
	 */
	int read(ByteBuffer dst, int timeoutMillis) throws IOException {
		if (!this.channel.isBlocking()) {
			return selectAndRead(dst, timeoutMillis);
		}
		if (timeoutMillis <= 0 || !dst.hasRemaining()) {
			return readKeepingInterrupt(dst);
		}
		if (this.watchdog == null) {
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
		long readDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		if (!this.deadline.compareAndSet(NOT_READING, readDeadline)) {
			// only a read that timed out leaves another state
			throw timedOut(timeoutMillis, null);
		}
		try {
			return readKeepingInterrupt(dst);
		}
		catch (ClosedChannelException ex) {
			if (this.deadline.get() == TIMED_OUT) {
				throw timedOut(timeoutMillis, ex);
			}
			throw ex;
		}
		finally {
			this.deadline.compareAndSet(readDeadline, NOT_READING);
		}
	}

	private int readKeepingInterrupt(ByteBuffer dst) throws IOException {
		return keepingInterrupt(this.channel, dst, false);
	}

	/**
	 * Read or write a channel with a pending interrupt of the calling thread set aside (see the
	 * class comment; the view's writes go through here too).
	 * @param channel the channel
	 * @param buffer the buffer to read into or write from
	 * @param write whether to write
	 * @return the bytes read or written, or -1 at the end of the stream
	 * @throws IOException if the read or write fails
	 */
	static int keepingInterrupt(SocketChannel channel, ByteBuffer buffer, boolean write) throws IOException {
		boolean interrupted = Thread.interrupted();
		try {
			return write ? channel.write(buffer) : channel.read(buffer);
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static SocketTimeoutException timedOut(int timeoutMillis, @Nullable Exception cause) {
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
	boolean expire(long now) {
		long readDeadline = this.deadline.get();
		if (readDeadline == NOT_READING || readDeadline == TIMED_OUT || now - readDeadline < 0
				|| !this.deadline.compareAndSet(readDeadline, TIMED_OUT)) {
			return false;
		}
		try {
			this.view.close();
		}
		catch (IOException ex) {
			// closed as far as the reading thread is concerned
		}
		return true;
	}

	/**
	 * The channel was closed: the watchdog lets it go, the selector is closed (a reader waiting
	 * in it wakes up with a {@link ClosedChannelException}; {@link ChannelSelector}).
	 */
	void closed() {
		ReadTimeoutWatchdog watching = this.watchdog;
		if (watching != null) {
			watching.unwatch(this.view);
		}
		ChannelSelector.close(this.selector);
	}

	/**
	 * Read a non-blocking channel, waiting in a selector while no data is there.
	 */
	private int selectAndRead(ByteBuffer dst, int timeoutMillis) throws IOException {
		int read = this.channel.read(dst);
		if (read != 0 || !dst.hasRemaining()) {
			return read;
		}
		boolean interrupted = Thread.interrupted();
		try {
			return selectThenRead(dst, timeoutMillis);
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private int selectThenRead(ByteBuffer dst, int timeoutMillis) throws IOException {
		Selector waiting = this.selector;
		if (waiting == null) {
			waiting = ChannelSelector.open(this.channel, SelectionKey.OP_READ, (opened) -> this.selector = opened);
		}
		long readDeadline = (timeoutMillis > 0) ? System.nanoTime() + timeoutMillis * 1_000_000L : Long.MAX_VALUE;
		int read = 0;
		while (read == 0) {
			long left = (readDeadline == Long.MAX_VALUE) ? 0 : (readDeadline - System.nanoTime()) / 1_000_000L;
			if (readDeadline != Long.MAX_VALUE && left <= 0) {
				throw timedOut(timeoutMillis, null);
			}
			ChannelSelector.select(waiting, (readDeadline == Long.MAX_VALUE) ? 0 : Math.max(1, left));
			if (!this.channel.isOpen() || !this.view.isOpen()) {
				ChannelSelector.close(waiting);
				throw new ClosedChannelException();
			}
			read = this.channel.read(dst);
		}
		return read;
	}

}
