package io.github.ipcboot.tcp;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.github.ipcboot.tcp.TcpObserver.CloseReason;
import org.jspecify.annotations.Nullable;

/**
 * The clocks of one connection that its server's {@link ConnectionWatchdog} reads: since when the
 * pending write has made no progress, since when the frame being read has been arriving, since
 * when the TLS handshake has been running, and since when the PROXY protocol header has been
 * awaited. Each clock is a volatile time stamp written by the
 * connection's own reader or writer, so keeping time costs a {@link System#nanoTime()} and a field
 * write per event; only the watchdog's thread compares them with the timeouts.
 * <p>
 * One reader at a time, as the connections of this package guarantee (a read lock or a single
 * reader thread). Writes may nest or overlap (a TLS layer writes under the connection's writer,
 * and on its own from the reader thread: handshake messages, KeyUpdate replies): the write clock
 * runs while any of them is in progress, and restarts with the progress of any of them.
 */
final class ConnectionDeadlines {

	/**
	 * The most bytes handed to the socket in one call, so that the progress of a slow reader shows
	 * (see {@link #SEND_BUFFER_SIZE} for how much it must take per write timeout).
	 */
	static final int WRITE_CHUNK = 8192;

	/**
	 * The send buffer (SO_SNDBUF) of a server's accepted sockets when a write timeout applies.
	 * Linux doubles it (128 KiB) and wakes a blocked writer (or reports a NIO socket writable) only
	 * once about a third of that has drained: with the buffer autotuned up to
	 * {@code net.ipv4.tcp_wmem}'s maximum (4 MiB by default) a reader had to take over a MiB per
	 * write timeout for its progress to show; with this buffer about 43 KiB does. A reader that
	 * takes at least this many bytes per write timeout is never cut off. Loopback and LAN
	 * throughput is unaffected; a link with a bandwidth-delay product above 128 KiB (e.g. 100 Mbit/s
	 * at 10 ms) is limited to about 128 KiB per round trip per connection.
	 */
	static final int SEND_BUFFER_SIZE = 64 * 1024;

	private static final long STOPPED = Long.MIN_VALUE;

	private final ConnectionStats stats;

	private volatile long writeProgress = STOPPED;

	/** How many writes (and closes that write) are in progress. */
	private final AtomicInteger writers = new AtomicInteger();

	/** What closes the connection once no write is in progress (see {@link #closeAfterWrites}). */
	private final AtomicReference<@Nullable Runnable> closeAfterWrites = new AtomicReference<>();

	private final AtomicLong frameStart = new AtomicLong(STOPPED);

	/** Since when reads are held back (see {@link #holdFrame()}), or {@code STOPPED}. */
	private volatile long heldSince = STOPPED;

	private volatile boolean frameExpected;

	private volatile long handshakeStart = STOPPED;

	/** Since when the PROXY protocol header has been awaited, or {@code STOPPED}. */
	private final AtomicLong headerStart = new AtomicLong(STOPPED);

	private volatile boolean closing;

	ConnectionDeadlines(ConnectionStats stats) {
		this.stats = stats;
	}

	/**
	 * Write bytes in chunks of at most {@value #WRITE_CHUNK}, with the write clock running from
	 * the start and reset by every chunk the socket takes.
	 * @param bytes the bytes
	 * @param offset where they start
	 * @param length how many
	 * @param target the socket's own write
	 * @throws IOException if the write fails, also when the watchdog closed the socket
	 */
	void write(byte[] bytes, int offset, int length, ChunkWriter target) throws IOException {
		writeBegins();
		try {
			int from = offset;
			int remaining = length;
			while (remaining > 0) {
				int chunk = Math.min(remaining, WRITE_CHUNK);
				target.write(bytes, from, chunk);
				from += chunk;
				remaining -= chunk;
				if (remaining > 0) {
					this.writeProgress = System.nanoTime();
				}
			}
		}
		finally {
			writeEnded();
		}
	}

	/**
	 * Run a write of the socket's own (one the connection does not make in chunks) with the write
	 * clock running.
	 * @param write the write
	 * @throws IOException if the write fails, also when the watchdog closed the socket
	 */
	void write(Write write) throws IOException {
		writeBegins();
		try {
			write.run();
		}
		finally {
			writeEnded();
		}
	}

	private void writeEnded() {
		if (this.writers.decrementAndGet() == 0 && this.closeAfterWrites.get() != null) {
			runCloseAfterWrites();
		}
	}

	/**
	 * Close the connection once no write is in progress: now if none is, else when the last one
	 * ends, failed or not (a write may complete right before the watchdog closed its channel).
	 * @param close the connection's close, run once
	 */
	void closeAfterWrites(Runnable close) {
		this.closeAfterWrites.set(close);
		if (!isWriting()) {
			runCloseAfterWrites();
		}
	}

	private void runCloseAfterWrites() {
		Runnable close = this.closeAfterWrites.getAndSet(null);
		if (close != null) {
			close.run();
		}
	}

	/**
	 * The time stamp first, so that the watchdog never sees a write in progress with an old one.
	 */
	private void writeBegins() {
		this.writeProgress = System.nanoTime();
		this.writers.incrementAndGet();
	}

	/**
	 * The connection begins to read a frame.
	 * @param inputWaiting whether bytes of it have arrived already (the clock starts now), else
	 * it starts with the first byte that does
	 */
	void frameBegins(boolean inputWaiting) {
		if (inputWaiting) {
			this.frameStart.set(System.nanoTime());
		}
		else {
			this.frameExpected = true;
		}
	}

	/**
	 * Part of a frame has been read and the rest is awaited: the frame clock runs from now, or
	 * goes on running if it already does (a frame that arrives a few bytes at a time).
	 */
	void frameWaiting() {
		this.frameExpected = false;
		this.frameStart.compareAndSet(STOPPED, System.nanoTime());
	}

	/**
	 * Bytes were read from the connection.
	 */
	void bytesArrived() {
		if (this.frameExpected) {
			this.frameExpected = false;
			this.frameStart.set(System.nanoTime());
		}
	}

	/**
	 * The frame was read, or reading it failed.
	 */
	void frameEnded() {
		this.frameExpected = false;
		this.frameStart.set(STOPPED);
	}

	/**
	 * Stop the frame clock while the reader writes (a deferred flush before it reads): that time
	 * is the write clock's.
	 * @return when the frame clock started, to hand to {@link #resumeFrame}
	 */
	long pauseFrame() {
		return this.frameStart.getAndSet(STOPPED);
	}

	/**
	 * Run the frame clock again after {@link #pauseFrame}, without the time it was paused.
	 * @param started what {@link #pauseFrame} returned
	 * @param pausedAt when it was paused ({@link System#nanoTime()})
	 */
	void resumeFrame(long started, long pausedAt) {
		if (started != STOPPED) {
			this.frameStart.set(started + (System.nanoTime() - pausedAt));
		}
	}

	/**
	 * The connection holds its reads back until the application frees room (a NIO connection's
	 * backlog is full): the frame being read cannot progress meanwhile, whatever the client does,
	 * so its clock stands still until {@link #releaseFrame()}. Called by the connection's reader;
	 * holding again while held changes nothing.
	 */
	void holdFrame() {
		if (this.heldSince == STOPPED) {
			this.heldSince = System.nanoTime();
		}
	}

	/**
	 * The connection reads again: the frame clock runs on without the time reads were held back
	 * (a frame that began while they were, begins now).
	 */
	void releaseFrame() {
		long since = this.heldSince;
		if (since == STOPPED) {
			return;
		}
		long now = System.nanoTime();
		// the assembler may end or begin a frame meanwhile: only a clock still running moves
		long started = this.frameStart.get();
		while (started != STOPPED
				&& !this.frameStart.compareAndSet(started, started + (now - Math.max(started, since)))) {
			started = this.frameStart.get();
		}
		this.heldSince = STOPPED;
	}

	/**
	 * The connection's close writes to the socket (a TLS close_notify) with the write clock
	 * running, bounded by {@link Limits#closeNanos()}: the connection stays watched until
	 * {@link #closeEnded()}.
	 */
	void closeBegins() {
		this.closing = true;
		writeBegins();
	}

	/**
	 * The close that {@link #closeBegins()} announced has returned.
	 */
	void closeEnded() {
		if (this.closing) {
			this.closing = false;
			writeEnded();
		}
	}

	/**
	 * Return whether a close is writing with the write clock running.
	 */
	boolean isClosing() {
		return this.closing;
	}

	/**
	 * Return whether a write is in progress (its clock is running).
	 */
	boolean isWriting() {
		return this.writers.get() > 0;
	}

	/**
	 * The TLS handshake begins.
	 */
	void handshakeBegins() {
		this.handshakeStart = System.nanoTime();
	}

	/**
	 * The TLS handshake has completed (or failed).
	 */
	void handshakeEnded() {
		this.handshakeStart = STOPPED;
	}

	/**
	 * The connection awaits its PROXY protocol header.
	 */
	void headerBegins() {
		this.headerStart.set(System.nanoTime());
	}

	/**
	 * The PROXY protocol header was read, or reading it failed.
	 * @return whether the header clock was running: {@code false} when the watchdog ended it first
	 * (and counted the timeout), or when the header was not awaited
	 */
	boolean headerEnded() {
		return this.headerStart.getAndSet(STOPPED) != STOPPED;
	}

	/**
	 * Return which timeout, if any, this connection has exceeded.
	 * @param now the time ({@link System#nanoTime()})
	 * @param limits the timeouts
	 * @return the reason to close it, or {@code null} while it is within its timeouts
	 */
	@Nullable CloseReason expired(long now, Limits limits) {
		long writeLimit = this.closing ? limits.closeNanos() : limits.writeNanos();
		if (isWriting() && exceeds(this.writeProgress, now, writeLimit)) {
			return CloseReason.WRITE_TIMEOUT;
		}
		if (exceeds(this.handshakeStart, now, limits.handshakeNanos())
				|| exceeds(this.headerStart.get(), now, limits.headerNanos())) {
			return CloseReason.HANDSHAKE_TIMEOUT;
		}
		if (this.heldSince == STOPPED && exceeds(this.frameStart.get(), now, limits.frameNanos())) {
			return CloseReason.FRAME_TIMEOUT;
		}
		return null;
	}

	private static boolean exceeds(long since, long now, long limit) {
		return limit > 0 && since != STOPPED && now - since > limit;
	}

	String connectionId() {
		return this.stats.connection().getConnectionId();
	}

	/**
	 * Close the connection for a timeout: it counts as closed with that reason at once, then the
	 * connection closes its socket without blocking the caller.
	 * @param reason which timeout
	 */
	void abort(CloseReason reason) {
		if (reason == CloseReason.HANDSHAKE_TIMEOUT && headerEnded()) {
			this.stats.proxyHeaderTimedOut();
		}
		this.stats.timedOut(reason);
		if (this.stats.connection() instanceof Abortable abortable) {
			abortable.abort(reason);
		}
		else {
			this.stats.connection().close();
		}
	}

	/**
	 * The timeouts a watchdog applies, in nanoseconds; 0 for none.
	 *
	 * @param writeNanos how long a pending write may make no progress
	 * @param frameNanos how long a frame may take once its first byte has arrived
	 * @param handshakeNanos how long a TLS handshake may take
	 * @param headerNanos how long a PROXY protocol header may take to arrive
	 */
	record Limits(long writeNanos, long frameNanos, long handshakeNanos, long headerNanos) {

		/**
		 * Create the timeouts of a server that does not speak the PROXY protocol.
		 * @param writeNanos how long a pending write may make no progress
		 * @param frameNanos how long a frame may take once its first byte has arrived
		 * @param handshakeNanos how long a TLS handshake may take
		 */
		Limits(long writeNanos, long frameNanos, long handshakeNanos) {
			this(writeNanos, frameNanos, handshakeNanos, 0);
		}

		/** The longest a close may write (a TLS close_notify) without progress. */
		static final long MAX_CLOSE_NANOS = 1_000_000_000L;

		/**
		 * Return how long a close may write without progress: a close_notify is a courtesy, and a
		 * stop closes the connections one after another, so it gets at most
		 * {@link #MAX_CLOSE_NANOS}, also when no write timeout applies.
		 * @return the bound in nanoseconds
		 */
		long closeNanos() {
			return (this.writeNanos > 0) ? Math.min(this.writeNanos, MAX_CLOSE_NANOS) : MAX_CLOSE_NANOS;
		}

	}

	/**
	 * The socket's own write of one chunk.
	 */
	@FunctionalInterface
	interface ChunkWriter {

		void write(byte[] bytes, int offset, int length) throws IOException;

	}

	/**
	 * A write to the socket as a whole.
	 */
	@FunctionalInterface
	interface Write {

		void run() throws IOException;

	}

	/**
	 * Implemented by the connections a watchdog may close.
	 */
	interface Abortable {

		/**
		 * Close the connection for a timeout, already counted, on the watchdog's thread: give its
		 * place in the gate back and close its socket in a way that never blocks (no flush, no TLS
		 * close_notify); a reader or writer blocked on the socket fails at once and finishes the
		 * connection's close.
		 * @param reason which timeout
		 */
		void abort(CloseReason reason);

	}

}
