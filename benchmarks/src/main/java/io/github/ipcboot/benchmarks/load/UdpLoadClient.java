package io.github.ipcboot.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The UDP load client: {@code senders} threads, each with its own connected
 * {@link DatagramChannel}, each keeping {@code window} datagrams of {@value #PAYLOAD} bytes (a
 * sequence number, then zeros) in flight. A reply frees a slot in the window; when no reply comes
 * for {@value #LOSS_TIMEOUT_MS} ms the datagrams in flight count as lost and the window is filled
 * again. After the warm-up, the datagrams sent until the end of the measurement are counted, and
 * their replies are counted until {@value #DRAIN_MS} ms after it.
 */
final class UdpLoadClient {

	/** Size of each datagram. */
	static final int PAYLOAD = 64;

	private static final long LOSS_TIMEOUT_MS = 50;

	private static final long DRAIN_MS = 250;

	private UdpLoadClient() {
	}

	/**
	 * Load the echo server on the given port of 127.0.0.1.
	 * @param port the server's port
	 * @param options the senders, window and phase durations
	 * @return what was sent and received during the measurement
	 * @throws InterruptedException if interrupted
	 * @throws IOException if a sender fails (e.g. the server has gone: ICMP port unreachable)
	 */
	static UdpResult run(int port, UdpOptions options) throws InterruptedException, IOException {
		InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
		long start = System.nanoTime() + options.launch().warmUp().toNanos();
		long end = start + options.launch().measure().toNanos();
		ExecutorService threads = Executors.newFixedThreadPool(options.senders());
		try {
			List<Future<long[]>> senders = new ArrayList<>();
			for (int i = 0; i < options.senders(); i++) {
				senders.add(threads.submit(() -> send(server, options.window(), start, end)));
			}
			long sent = 0;
			long received = 0;
			for (Future<long[]> sender : senders) {
				long[] counts = sender.get();
				sent += counts[0];
				received += counts[1];
			}
			return new UdpResult(sent, received, options.launch().measure());
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof IOException io) ? io : new IOException(ex.getCause());
		}
		finally {
			threads.shutdownNow();
			threads.awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	/**
	 * One sender: returns {sent, received} of the measured phase.
	 */
	private static long[] send(InetSocketAddress server, int window, long start, long end) throws IOException {
		try (Sender sender = new Sender(server)) {
			int inFlight = 0;
			while (System.nanoTime() < end) {
				if (sender.first < 0 && System.nanoTime() >= start) {
					sender.first = sender.sequence;
				}
				while (inFlight < window && sender.sendOne()) {
					inFlight++;
				}
				if (sender.selector.select(LOSS_TIMEOUT_MS) == 0) {
					// no reply for a while: what is in flight is lost
					inFlight = 0;
					continue;
				}
				inFlight = Math.max(0, inFlight - sender.receive(Long.MAX_VALUE));
			}
			long last = sender.sequence;
			long drainEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MS);
			long remaining;
			while (sender.first >= 0 && (remaining = drainEnd - System.nanoTime()) > 0) {
				if (sender.selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining))) > 0) {
					sender.receive(last);
				}
			}
			return (sender.first < 0) ? new long[] { 0, 0 } : new long[] { last - sender.first, sender.received };
		}
		catch (IOException ex) {
			throw new UncheckedIOException("UDP sender to " + server + " failed", ex);
		}
	}

	/**
	 * A sender's channel and counters.
	 */
	private static final class Sender implements AutoCloseable {

		private final DatagramChannel channel;

		private final Selector selector;

		private final ByteBuffer out = ByteBuffer.allocateDirect(PAYLOAD);

		private final ByteBuffer in = ByteBuffer.allocateDirect(2048);

		/** The next sequence number to send. */
		private long sequence;

		/** The first sequence number of the measured phase, -1 before it. */
		private long first = -1;

		/** Replies to measured datagrams. */
		private long received;

		Sender(InetSocketAddress server) throws IOException {
			this.channel = DatagramChannel.open();
			this.selector = Selector.open();
			this.channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			this.channel.connect(server);
			this.channel.configureBlocking(false);
			this.channel.register(this.selector, SelectionKey.OP_READ);
		}

		/** Send the next datagram; {@code false} if the socket's send buffer is full. */
		boolean sendOne() throws IOException {
			this.out.clear().putLong(0, this.sequence);
			if (this.channel.write(this.out) == 0) {
				return false;
			}
			this.sequence++;
			return true;
		}

		/** Read every reply waiting, count those measured and sent before {@code to}; return how many were read. */
		int receive(long to) throws IOException {
			this.selector.selectedKeys().clear();
			int all = 0;
			while (this.channel.read(this.in.clear()) > 0) {
				long number = this.in.getLong(0);
				all++;
				if (this.first >= 0 && number >= this.first && number < to) {
					this.received++;
				}
			}
			return all;
		}

		@Override
		public void close() throws IOException {
			this.selector.close();
			this.channel.close();
		}

	}

	/**
	 * What one run measured.
	 * @param sent the datagrams sent during the measurement
	 * @param received the replies to them
	 * @param measure the length of the measurement
	 */
	record UdpResult(long sent, long received, Duration measure) {

		double messagesPerSecond() {
			return this.received / (this.measure.toNanos() / 1e9);
		}

		double lossPercent() {
			return (this.sent == 0) ? Double.NaN : 100.0 * (this.sent - this.received) / this.sent;
		}

	}

}
