package io.github.ipcboot.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Client connections to an echo server that are opened, checked once and then left idle, all on
 * the calling thread with non-blocking {@link SocketChannel}s and one {@link Selector} (no thread per
 * connection). Each connection sends one line and must get it back before it counts as served; at
 * most {@code window} connections are being opened and checked at once, so the server's listen
 * backlog never overflows. Opening stops after {@value #MAX_FAILURES} failures. {@link #close()}
 * closes every connection that is still held.
 */
final class IdleClients implements AutoCloseable {

	/** A connection that has not got its echo this long after it was opened has failed. */
	private static final long ECHO_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

	/** Failures after which no more connections are opened: the server has stopped serving. */
	static final int MAX_FAILURES = 100;

	private static final long SELECT_MILLIS = 250;

	private final List<SocketChannel> served = new ArrayList<>();

	private final Map<String, Integer> failures = new TreeMap<>();

	private int failed;

	private IdleClients() {
	}

	/**
	 * Open connections to the server until {@code count} are served or {@value #MAX_FAILURES} have
	 * failed, and keep those served open.
	 * @param server the echo server's address
	 * @param count connections to open
	 * @param window most connections in progress at once
	 * @return the served connections and the failures
	 * @throws IOException if the selector cannot be opened
	 */
	static IdleClients open(InetSocketAddress server, int count, int window) throws IOException {
		IdleClients clients = new IdleClients();
		try (Selector selector = Selector.open()) {
			int next = 0;
			int pending = 0;
			while (pending > 0 || (next < count && clients.failed < MAX_FAILURES)) {
				while (pending < window && next < count && clients.failed < MAX_FAILURES) {
					pending += clients.start(selector, server, next++) ? 1 : 0;
				}
				selector.select(SELECT_MILLIS);
				for (SelectionKey key : selector.selectedKeys()) {
					pending -= clients.progress(key) ? 1 : 0;
				}
				selector.selectedKeys().clear();
				pending -= clients.expire(selector);
			}
		}
		catch (IOException | RuntimeException ex) {
			clients.close();
			throw ex;
		}
		return clients;
	}

	/**
	 * Return how many connections were served and are held.
	 * @return the served connections
	 */
	int served() {
		return this.served.size();
	}

	/**
	 * Return how many connections failed while being opened or checked.
	 * @return the failures
	 */
	int failed() {
		return this.failed;
	}

	/**
	 * Return the failures by reason, e.g. {@code 64 x closed by the server before its echo}, or an
	 * empty string if there were none.
	 * @return the failures, comma-separated
	 */
	String failureSummary() {
		return this.failures.entrySet()
			.stream()
			.map((entry) -> entry.getValue() + " x " + entry.getKey())
			.collect(Collectors.joining(", "));
	}

	/**
	 * Return how many held connections the server has not closed: a non-blocking read gives no
	 * data and no end of stream. Reads nothing the server did not send.
	 * @return the connections still open
	 */
	int stillOpen() {
		ByteBuffer probe = ByteBuffer.allocate(1);
		int open = 0;
		for (SocketChannel channel : this.served) {
			try {
				probe.clear();
				if (channel.read(probe) >= 0) {
					open++;
				}
			}
			catch (IOException ex) {
				// reset by the server: not open
			}
		}
		return open;
	}

	@Override
	public void close() {
		for (SocketChannel channel : this.served) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// closing is all that is left to do with it
			}
		}
		this.served.clear();
	}

	private boolean start(Selector selector, InetSocketAddress server, int index) {
		SocketChannel channel;
		try {
			channel = SocketChannel.open();
		}
		catch (IOException ex) {
			fail(describe(ex));
			return false;
		}
		try {
			channel.configureBlocking(false);
			channel.connect(server);
			channel.register(selector, SelectionKey.OP_CONNECT, new Probe(index));
			return true;
		}
		catch (IOException ex) {
			closeQuietly(channel);
			fail(describe(ex));
			return false;
		}
	}

	private boolean progress(SelectionKey key) {
		Probe probe = (Probe) key.attachment();
		SocketChannel channel = (SocketChannel) key.channel();
		try {
			if (key.isConnectable()) {
				channel.finishConnect();
				channel.write(probe.request);
				if (probe.request.hasRemaining()) {
					return fail(key, "request not written at once");
				}
				key.interestOps(SelectionKey.OP_READ);
				return false;
			}
			if (key.isReadable()) {
				if (channel.read(probe.response) < 0) {
					return fail(key, "closed by the server before its echo");
				}
				if (probe.isComplete()) {
					if (!probe.isEcho()) {
						return fail(key, "wrong echo");
					}
					key.cancel();
					this.served.add(channel);
					return true;
				}
				if (!probe.response.hasRemaining()) {
					return fail(key, "wrong echo");
				}
			}
			return false;
		}
		catch (IOException ex) {
			return fail(key, describe(ex));
		}
	}

	private int expire(Selector selector) {
		int expired = 0;
		long now = System.nanoTime();
		for (SelectionKey key : selector.keys()) {
			if (key.isValid() && now - ((Probe) key.attachment()).startedNanos > ECHO_TIMEOUT_NANOS) {
				fail(key, "no echo within " + TimeUnit.NANOSECONDS.toSeconds(ECHO_TIMEOUT_NANOS) + " s");
				expired++;
			}
		}
		return expired;
	}

	private boolean fail(SelectionKey key, String reason) {
		key.cancel();
		closeQuietly((SocketChannel) key.channel());
		fail(reason);
		return true;
	}

	private void fail(String reason) {
		this.failed++;
		this.failures.merge(reason, 1, Integer::sum);
	}

	private static String describe(IOException ex) {
		return ex.getClass().getSimpleName() + ": " + ex.getMessage();
	}

	private static void closeQuietly(SocketChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// it failed already; the failure is what is reported
		}
	}

	/**
	 * One connection being checked: the line it sends and what has come back.
	 */
	private static final class Probe {

		private final ByteBuffer request;

		private final ByteBuffer response = ByteBuffer.allocate(64);

		private final long startedNanos = System.nanoTime();

		Probe(int index) {
			this.request = ByteBuffer.wrap(("idle " + index + "\r\n").getBytes(StandardCharsets.US_ASCII));
		}

		boolean isComplete() {
			return this.response.position() > 0 && this.response.get(this.response.position() - 1) == '\n';
		}

		boolean isEcho() {
			return this.response.position() == this.request.limit()
					&& this.response.duplicate().flip().equals(this.request.duplicate().rewind());
		}

	}

}
