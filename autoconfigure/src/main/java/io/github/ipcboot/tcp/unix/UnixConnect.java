package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A connect to a Unix domain socket within a timeout. Linux completes or refuses such a connect at
 * once, except while the listener's backlog is full (a server that stalls, is stopped or does
 * not accept): a blocking connect then waits, with no limit, until the server accepts. So the
 * channel connects in non-blocking mode, which Linux answers with {@code EAGAIN} for a full
 * backlog (the JDK then closes the channel): the connect is tried again with a new channel, a
 * little later each time (at most every {@value #MAX_PAUSE_MILLIS} ms), until the timeout. A
 * connect left pending (other systems) is waited for in a selector, within the timeout.
 */
final class UnixConnect {

	private static final long MAX_PAUSE_MILLIS = 50;

	/** What the JDK reports for {@code EAGAIN}: glibc's and musl's text for it. */
	private static final String BACKLOG_FULL = "Resource temporarily unavailable";

	private UnixConnect() {
	}

	/**
	 * Open a channel connected to the socket, in non-blocking mode.
	 * @param address the socket's address
	 * @param timeout how long the connect may take
	 * @return the connected channel
	 * @throws SocketTimeoutException if nothing accepted the connection in time (the backlog
	 * stayed full: a server listens, but does not accept)
	 * @throws ConnectException if nothing listens
	 * @throws IOException if the connect failed otherwise (no file at the path, for instance)
	 */
	static SocketChannel open(UnixDomainSocketAddress address, Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		long pauseMillis = 1;
		while (true) {
			SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
			try {
				channel.configureBlocking(false);
				if (!channel.connect(address)) {
					awaitConnect(channel, deadline, timeout);
				}
				return channel;
			}
			catch (SocketException ex) {
				channel.close();
				if (ex instanceof ConnectException || !String.valueOf(ex.getMessage()).contains(BACKLOG_FULL)) {
					throw ex;
				}
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
			long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
			if (leftMillis <= 0) {
				throw timedOut(timeout);
			}
			pause(Math.min(pauseMillis, leftMillis));
			pauseMillis = Math.min(pauseMillis * 2, MAX_PAUSE_MILLIS);
		}
	}

	private static void awaitConnect(SocketChannel channel, long deadline, Duration timeout) throws IOException {
		try (Selector selector = Selector.open()) {
			channel.register(selector, SelectionKey.OP_CONNECT);
			while (!channel.finishConnect()) {
				long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
				if (leftMillis <= 0) {
					throw timedOut(timeout);
				}
				selector.select(leftMillis);
				selector.selectedKeys().clear();
			}
		}
	}

	private static void pause(long millis) throws IOException {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted while connecting");
		}
	}

	private static SocketTimeoutException timedOut(Duration timeout) {
		return new SocketTimeoutException("Connect timed out after " + timeout.toMillis()
				+ " ms: the server's backlog is full (it does not accept connections)");
	}

}
