package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Set;
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
 * A connection served with blocking I/O reads through {@link #readBlocking} ({@link BlockingReads}).
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

	private final SocketChannel channel;

	/** The peer's credentials, once read (or given). */
	private volatile @Nullable PeerCredentials peer;

	/** Whether the credentials are known or were read (else they are read on first demand). */
	private volatile boolean peerKnown;

	private final Object peerLock = new Object();

	private final Socket socket;

	private final BlockingReads reads;

	private final ReentrantLock writeLock = new ReentrantLock();

	/** Opened with the first write that cannot complete at once, closed with the channel. */
	private volatile @Nullable Selector writeSelector;


	UnixChannelView(SocketChannel channel, @Nullable PeerCredentials peer) {
		super(channel.provider());
		this.channel = channel;
		this.peer = peer;
		this.peerKnown = true;
		this.socket = new UnixPeerSocket(this);
		this.reads = new BlockingReads(this, channel);
	}

	private UnixChannelView(SocketChannel channel) {
		super(channel.provider());
		this.channel = channel;
		this.socket = new UnixPeerSocket(this);
		this.reads = new BlockingReads(this, channel);
	}

	/**
	 * Create the view of an accepted channel, whose peer's credentials are read on first demand,
	 * on the thread that asks (the look-up of the user and group names may be slow, with a
	 * network name service, and must not hold up the accepting thread when nobody needs them).
	 * @param channel the accepted channel
	 * @return the view
	 */
	static UnixChannelView accepted(SocketChannel channel) {
		return new UnixChannelView(channel);
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
		if (!this.peerKnown) {
			synchronized (this.peerLock) {
				if (!this.peerKnown) {
					this.peer = readCredentials(this.channel);
					this.peerKnown = true;
				}
			}
		}
		return this.peer;
	}

	/**
	 * Return whether the peer's credentials are known (given, or read on demand already).
	 * @return whether they are
	 */
	boolean credentialsKnown() {
		return this.peerKnown;
	}

	SocketChannel channel() {
		return this.channel;
	}

	@Override
	public int write(ByteBuffer src) throws IOException {
		this.writeLock.lock();
		try {
			int written = BlockingReads.keepingInterrupt(this.channel, src, true);
			while (src.hasRemaining()) {
				awaitWritable();
				written += BlockingReads.keepingInterrupt(this.channel, src, true);
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
			selector = ChannelSelector.open(this.channel, SelectionKey.OP_WRITE, (opened) -> this.writeSelector = opened);
		}
		while (ChannelSelector.select(selector, WRITE_WAIT_MILLIS) == 0) {
			if (!this.channel.isOpen() || !isOpen()) {
				ChannelSelector.close(selector);
				throw new ClosedChannelException();
			}
		}
	}

	/**
	 * Have the given watchdog end the blocking reads of this channel that last longer than
	 * their timeout; without one, a read with a timeout waits in a selector.
	 * @param watchdog the server's watchdog
	 */
	void watchReads(ReadTimeoutWatchdog watchdog) {
		this.reads.watch(watchdog);
	}

	/**
	 * Read as a blocking socket does, for a connection served with blocking I/O: wait for data
	 * (or the end of the stream) at most the given time ({@link BlockingReads}).
	 * @param dst the buffer to read into
	 * @param timeoutMillis how long to wait; 0 for no limit
	 * @return the bytes read, or -1 at the end of the stream
	 * @throws java.net.SocketTimeoutException if nothing arrived in time
	 * @throws ClosedChannelException if the channel was closed meanwhile
	 */
	int readBlocking(ByteBuffer dst, int timeoutMillis) throws IOException {
		return this.reads.read(dst, timeoutMillis);
	}

	/**
	 * End the read in progress if it is past its deadline (for the watchdog).
	 * @param now the time ({@link System#nanoTime()})
	 * @return whether a read was ended
	 */
	boolean expireRead(long now) {
		return this.reads.expire(now);
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
		try {
			this.channel.close();
		}
		finally {
			// a reader or writer waiting in a selector wakes up with a ClosedChannelException
			this.reads.closed();
			ChannelSelector.close(this.writeSelector);
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
