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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A connect to a Unix domain socket within a timeout. Linux completes or refuses such a connect at
 * once, except while the listener's backlog is full (a server that stalls, is stopped or does
 * not accept): a blocking connect then waits, with no limit, until the server accepts. So the
 * channel connects in non-blocking mode, which Linux answers with {@code EAGAIN} for a full
 * backlog (the JDK then closes the channel, and throws a plain {@link SocketException} whose
 * message is the C library's text for it, translated under a non-English locale: so it is told by
 * its type and by the socket file being there, not by its text): the connect is tried again with a new channel, a
 * little later each time (at most every {@value #MAX_PAUSE_MILLIS} ms), until the timeout. A
 * connect left pending (other systems) is waited for in a selector, within the timeout.
 */
final class UnixConnect {

	private static final long MAX_PAUSE_MILLIS = 50;

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
				if (!isRetryable(ex, address.getPath())) {
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

	/**
	 * Return whether a failed connect is worth trying again within the timeout: the JDK reports
	 * {@code EAGAIN} (a full backlog) as a plain {@link SocketException}, not as one of its
	 * subclasses ({@link ConnectException} for nothing listening, {@link java.net.BindException}
	 * for {@code EACCES}), and only when the socket file is there ({@code ENOENT} and the other path
	 * errors are plain ones too, and fail at once). Another rare error on an existing socket is
	 * retried as well, boundedly, and then reported as the timeout.
	 * @param ex the failure of the connect
	 * @param path the socket's path
	 * @return whether it is retried
	 */
	static boolean isRetryable(SocketException ex, Path path) {
		return ex.getClass() == SocketException.class && Files.exists(path);
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
