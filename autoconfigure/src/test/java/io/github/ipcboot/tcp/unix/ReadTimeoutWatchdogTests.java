package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link ReadTimeoutWatchdog} with the blocking reads of a {@link UnixChannelView} over a real
 * connected pair of Unix domain socket channels: a read past its timeout fails as a timed-out
 * socket read does, a read that got its data leaves the connection alone, a close is not a
 * timeout, a read no watchdog watches waits in a selector instead, and a pending interrupt does
 * not close the blocking channel.
 */
class ReadTimeoutWatchdogTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@TempDir
	Path dir;

	private UnixChannelPair pair;

	private SocketChannel client;

	private SocketChannel accepted;

	private UnixChannelView view;

	private ReadTimeoutWatchdog watchdog;

	@BeforeEach
	void connect() throws IOException {
		this.pair = UnixChannelPair.connect(this.dir.resolve("watched.sock"));
		this.client = this.pair.client();
		// blocking (as accepted), as a blocking connection of the server factory reads it
		this.accepted = this.pair.accepted();
		this.view = new UnixChannelView(this.accepted, null);
		this.watchdog = new ReadTimeoutWatchdog("test", 100);
	}

	@AfterEach
	void close() throws IOException {
		this.watchdog.stop();
		this.view.close();
		this.pair.close();
	}

	@Test
	void blockingReadPastItsTimeoutFailsAsATimedOutSocketReadAndClosesTheChannel() throws IOException {
		this.view.watchReads(this.watchdog);
		Socket socket = this.view.socket();
		socket.setSoTimeout(100);
		long started = System.nanoTime();
		assertThatExceptionOfType(SocketTimeoutException.class)
			.isThrownBy(() -> socket.getInputStream().read(new byte[4], 0, 4))
			.withMessage("Read timed out after 100 ms");
		assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
		assertThat(this.accepted.isOpen()).isFalse();
		// the watchdog lets the view go right after the close that woke the read
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.watchdog.watchedCount()).isZero());
		// every later read of the connection fails the same way, not as a closed channel
		assertThatExceptionOfType(SocketTimeoutException.class)
			.isThrownBy(() -> socket.getInputStream().read(new byte[4], 0, 4));
	}

	@Test
	void readThatGotItsDataLeavesTheConnectionOpenPastTheTimeout() throws IOException {
		this.view.watchReads(this.watchdog);
		Socket socket = this.view.socket();
		socket.setSoTimeout(100);
		this.client.write(ByteBuffer.wrap(new byte[] { 'a', 'b' }));
		assertThat(socket.getInputStream().read(new byte[4], 0, 4)).isEqualTo(2);
		// the deadline went with the read: several scans later the connection is still open
		await().during(Duration.ofMillis(400)).atMost(TIMEOUT).until(this.accepted::isOpen);
		assertThat(this.watchdog.watchedCount()).isOne();
	}

	@Test
	void closeDuringAWatchedReadIsAClosedChannelNotATimeout() {
		this.view.watchReads(new ReadTimeoutWatchdog("long", 60_000));
		CompletableFuture<Integer> reading = CompletableFuture.supplyAsync(() -> {
			try {
				return this.view.readBlocking(ByteBuffer.allocate(8), 60_000);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		await().atMost(TIMEOUT).until(() -> {
			// close until the reader has seen it (it may not have started its read yet)
			this.view.close();
			return reading.isDone();
		});
		assertThat(reading).failsWithin(TIMEOUT)
			.withThrowableOfType(ExecutionException.class)
			.havingRootCause()
			.isInstanceOf(ClosedChannelException.class)
			.isNotInstanceOf(SocketTimeoutException.class);
	}

	@Test
	void readThatNoWatchdogWatchesWaitsInASelectorAndKeepsTheChannelOpen() throws IOException {
		this.watchdog.stop();
		this.view.watchReads(this.watchdog);
		assertThat(this.watchdog.watchedCount()).isZero();
		Socket socket = this.view.socket();
		socket.setSoTimeout(50);
		assertThatExceptionOfType(SocketTimeoutException.class)
			.isThrownBy(() -> socket.getInputStream().read(new byte[4], 0, 4))
			.withMessage("Read timed out after 50 ms");
		assertThat(this.accepted.isOpen()).isTrue();
		assertThat(this.accepted.isBlocking()).isFalse();
	}

	@Test
	void readWithoutATimeoutIsAPlainBlockingRead() throws IOException {
		this.client.write(ByteBuffer.wrap(new byte[] { 'x' }));
		assertThat(this.view.readBlocking(ByteBuffer.allocate(4), 0)).isOne();
		assertThat(this.accepted.isBlocking()).isTrue();
	}

	@Test
	void pendingInterruptNeitherClosesTheBlockingChannelNorIsLost() throws Exception {
		this.client.write(ByteBuffer.wrap(new byte[] { 'x' }));
		CompletableFuture<String> interrupted = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			// a listener that restored its thread's interrupt flag, then replies and reads on
			Thread.currentThread().interrupt();
			try {
				int written = this.view.write(ByteBuffer.wrap(new byte[] { 'y' }));
				int read = this.view.readBlocking(ByteBuffer.allocate(4), 0);
				interrupted.complete(written + " " + read + " " + Thread.currentThread().isInterrupted());
			}
			catch (IOException ex) {
				interrupted.completeExceptionally(ex);
			}
		});
		thread.start();
		assertThat(interrupted).succeedsWithin(TIMEOUT).isEqualTo("1 1 true");
		thread.join(TIMEOUT.toMillis());
		assertThat(this.accepted.isOpen()).isTrue();
		ByteBuffer reply = ByteBuffer.allocate(4);
		assertThat(this.client.read(reply)).isOne();
	}

	@Test
	void scansTenTimesPerTimeoutWithinBounds() {
		assertThat(new ReadTimeoutWatchdog("a", Duration.ofMinutes(5).toMillis()).periodMillis()).isEqualTo(1000);
		assertThat(new ReadTimeoutWatchdog("b", 500).periodMillis()).isEqualTo(50);
		assertThat(new ReadTimeoutWatchdog("c", 20).periodMillis()).isEqualTo(ReadTimeoutWatchdog.MIN_PERIOD_MILLIS);
	}

}
