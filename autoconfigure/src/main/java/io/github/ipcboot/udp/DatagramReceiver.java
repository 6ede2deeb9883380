package io.github.ipcboot.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The one thread that reads an endpoint's datagrams. It reads into a buffer one byte larger than
 * {@code maxDatagramSize}, so a datagram that fills it was larger than allowed (the operating
 * system truncated it) and is dropped as {@link UdpDropReason#TOO_LARGE}, never handed on.
 * {@link #stop()} ends the reading without closing the channel, so replies of handlers still
 * running can go out through it.
 */
final class DatagramReceiver {

	/** The pause after a failed receive: at most this many failures a second, never a busy loop. */
	private static final long ERROR_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private static final Log logger = LogFactory.getLog(DatagramReceiver.class);

	/** How long {@link #stop()} waits for the thread to leave its loop. */
	private static final long STOP_WAIT_MILLIS = TimeUnit.SECONDS.toMillis(5);

	private final String name;

	private final DatagramChannel channel;

	private final Selector selector;

	private final int maxDatagramSize;

	private final UdpStats stats;

	private final BiConsumer<byte[], InetSocketAddress> sink;

	private final UdpWarnings warnings;

	private final Thread thread;

	private volatile boolean stopping;

	DatagramReceiver(String name, DatagramChannel channel, int maxDatagramSize, UdpStats stats,
			BiConsumer<byte[], InetSocketAddress> sink, UdpWarnings warnings) throws IOException {
		this.name = name;
		this.channel = channel;
		this.maxDatagramSize = maxDatagramSize;
		this.stats = stats;
		this.sink = sink;
		this.warnings = warnings;
		this.selector = Selector.open();
		channel.configureBlocking(false);
		channel.register(this.selector, SelectionKey.OP_READ);
		this.thread = new Thread(this::run, "udp-" + name + "-receiver");
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	boolean isReceiving() {
		return this.thread.isAlive() && !this.stopping;
	}

	private void run() {
		ByteBuffer buffer = ByteBuffer.allocateDirect(this.maxDatagramSize + 1);
		try {
			while (!this.stopping) {
				this.selector.select();
				this.selector.selectedKeys().clear();
				receiveAll(buffer);
			}
		}
		catch (ClosedChannelException ex) {
			// stopped
		}
		catch (IOException | RuntimeException ex) {
			logger.error("UDP endpoint '" + this.name + "' stopped receiving", ex);
		}
		finally {
			closeSelector();
		}
	}

	private void receiveAll(ByteBuffer buffer) throws IOException {
		while (!this.stopping) {
			SocketAddress from;
			buffer.clear();
			try {
				from = this.channel.receive(buffer);
			}
			catch (ClosedChannelException ex) {
				throw ex;
			}
			catch (IOException ex) {
				// e.g. an ICMP error reported on the socket: the next datagram may be fine. Back to
				// the selector after a short pause, so that an error that keeps coming cannot spin
				logReceiveError(ex);
				LockSupport.parkNanos(ERROR_PAUSE_NANOS);
				return;
			}
			if (from == null) {
				return;
			}
			int size = buffer.position();
			this.stats.received(size);
			if (size > this.maxDatagramSize) {
				this.stats.dropped(UdpDropReason.TOO_LARGE);
				continue;
			}
			byte[] datagram = new byte[size];
			buffer.flip().get(datagram);
			this.sink.accept(datagram, (InetSocketAddress) from);
		}
	}

	private void logReceiveError(IOException ex) {
		this.warnings.warn(logger, "UDP endpoint '" + this.name + "' could not receive a datagram: " + ex, null);
	}

	private void closeSelector() {
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			logger.debug("Closing the selector of UDP endpoint '" + this.name + "' failed", ex);
		}
	}

	/**
	 * Stop reading and wait (bounded) for the thread to end; the channel stays open.
	 */
	void stop() {
		this.stopping = true;
		this.selector.wakeup();
		if (Thread.currentThread() != this.thread) {
			try {
				this.thread.join(STOP_WAIT_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
