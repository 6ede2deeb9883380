package io.github.ipcboot.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ipcboot.framing.Framing;
import io.github.ipcboot.tcp.TcpObserver.CloseReason;
import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.connection.TcpNetConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ConnectionWatchdog}: a connection whose close throws, even an {@link Error},
 * does not stop the watchdog; timeouts of other connections still fire afterwards.
 */
class ConnectionWatchdogTests {

	private static final long WRITE_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	@Test
	void connectionWhoseAbortThrowsShouldNotStopLaterTimeouts() throws Exception {
		ConnectionWatchdog watchdog = new ConnectionWatchdog("dog",
				new ConnectionDeadlines.Limits(WRITE_TIMEOUT_NANOS, 0, 0));
		ConnectionRegistry registry = ConnectionRegistry.forServer(settings(), () -> false, watchdog);
		watchdog.start();
		CountDownLatch release = new CountDownLatch(1);
		try (ServerSocket listening = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
				Socket firstClient = new Socket(InetAddress.getLoopbackAddress(), listening.getLocalPort());
				Socket first = listening.accept();
				Socket secondClient = new Socket(InetAddress.getLoopbackAddress(), listening.getLocalPort());
				Socket second = listening.accept()) {
			AbortableConnection failing = new AbortableConnection(first, registry, true);
			AbortableConnection healthy = new AbortableConnection(second, registry, false);
			Thread blocked = stuckWrite(failing, release);
			await().atMost(Duration.ofSeconds(10)).until(() -> failing.aborts.get() == 1);
			// a timeout that begins after the failed abort still fires
			Thread later = stuckWrite(healthy, release);
			await().atMost(Duration.ofSeconds(10)).until(() -> healthy.aborts.get() == 1);
			release.countDown();
			blocked.join(10_000);
			later.join(10_000);
			assertThat(registry.getOpenConnections()).isZero();
		}
		finally {
			release.countDown();
			watchdog.stop();
		}
	}

	@Test
	void closeThatWritesShouldBeAbortedAfterOneSecondWhenNoWriteTimeoutApplies() throws Exception {
		// only the handshake timeout applies, as on a TLS server with write-timeout 0
		ConnectionWatchdog watchdog = new ConnectionWatchdog("dog",
				new ConnectionDeadlines.Limits(0, 0, TimeUnit.SECONDS.toNanos(30)));
		ConnectionRegistry registry = ConnectionRegistry.forServer(settings(), () -> false, watchdog);
		watchdog.start();
		try (ServerSocket listening = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
				Socket client = new Socket(InetAddress.getLoopbackAddress(), listening.getLocalPort());
				Socket accepted = listening.accept()) {
			AbortableConnection closing = new AbortableConnection(accepted, registry, false);
			long started = System.nanoTime();
			// a close whose close_notify does not get out: the write clock runs, bounded by 1 s
			closing.stats().deadlines().closeBegins();
			await().atMost(Duration.ofSeconds(10)).until(() -> closing.aborts.get() == 1);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		}
		finally {
			watchdog.stop();
		}
	}

	@Test
	void closeAfterWritesShouldRunWhenAWriteThatWasInProgressCompletes() throws Exception {
		ConnectionWatchdog watchdog = new ConnectionWatchdog("dog", new ConnectionDeadlines.Limits(0, 0, 0));
		ConnectionRegistry registry = ConnectionRegistry.forServer(settings(), () -> false, watchdog);
		CountDownLatch release = new CountDownLatch(1);
		try (ServerSocket listening = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
				Socket client = new Socket(InetAddress.getLoopbackAddress(), listening.getLocalPort());
				Socket accepted = listening.accept()) {
			ConnectionDeadlines deadlines = new AbortableConnection(accepted, registry, false).stats().deadlines();
			AbortableConnection connection = new AbortableConnection(accepted, registry, false);
			ConnectionDeadlines watched = connection.stats().deadlines();
			// the write completes normally, right after the watchdog decided to close its connection
			Thread blocked = new Thread(() -> {
				try {
					watched.write(new byte[1], 0, 1, (bytes, offset, length) -> awaitQuietly(release));
				}
				catch (IOException ex) {
					// not expected: the test fails on the count
				}
			});
			blocked.start();
			await().atMost(Duration.ofSeconds(10)).until(watched::isWriting);
			AtomicInteger closes = new AtomicInteger();
			watched.closeAfterWrites(closes::incrementAndGet);
			assertThat(closes).hasValue(0);
			release.countDown();
			blocked.join(10_000);
			assertThat(closes).hasValue(1);
			// no write in progress: at once
			deadlines.closeAfterWrites(closes::incrementAndGet);
			assertThat(closes).hasValue(2);
		}
		finally {
			release.countDown();
		}
	}

	private static Thread stuckWrite(AbortableConnection connection, CountDownLatch release) {
		Thread writer = new Thread(() -> {
			try {
				connection.stats().deadlines().write(new byte[1], 0, 1, (bytes, offset, length) -> awaitQuietly(release));
			}
			catch (IOException ex) {
				// not expected: the test fails on the counts
			}
		}, "stuck-writer");
		writer.setDaemon(true);
		writer.start();
		return writer;
	}

	private static void awaitQuietly(CountDownLatch release) {
		try {
			release.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static TcpServerSettings settings() {
		return new TcpServerSettings("dog", "127.0.0.1", 0, Framing.line(), StandardCharsets.UTF_8, 10, 10, null,
				List.of(), ServerErrorPolicy.CLOSE, TcpIoMode.NET, false, null, TcpServerLimits.defaults(1024));
	}

	/**
	 * A connection that counts the watchdog's aborts, and throws an {@link Error} on them if told to.
	 */
	static final class AbortableConnection extends TcpNetConnection
			implements ConnectionStats.Tracked, ConnectionDeadlines.Abortable {

		final AtomicInteger aborts = new AtomicInteger();

		private final ConnectionStats stats;

		private final boolean fails;

		AbortableConnection(Socket socket, ConnectionRegistry registry, boolean fails) {
			super(socket, true, false, null, "dog");
			this.stats = registry.register(this, false);
			this.fails = fails;
		}

		@Override
		public ConnectionStats stats() {
			return this.stats;
		}

		@Override
		public void abort(CloseReason reason) {
			this.aborts.incrementAndGet();
			if (this.fails) {
				throw new AssertionError("abort failed on purpose");
			}
		}

	}

}
