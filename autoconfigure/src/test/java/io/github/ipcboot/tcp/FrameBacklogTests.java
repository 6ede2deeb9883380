package io.github.ipcboot.tcp;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.ipcboot.TestThreads;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link FrameBacklog}: the bytes it counts, when a reader and the frame assembler may go
 * on, and when a half-closed connection closes. The socket's side is played by two counters: the
 * bytes Spring Integration holds and the bytes the codec has taken.
 */
class FrameBacklogTests {

	private static final long BUDGET = 10_000;

	private static final long NO_WAIT = 0;

	private final AtomicLong buffered = new AtomicLong();

	private final AtomicLong consumed = new AtomicLong();

	private final AtomicInteger exhausted = new AtomicInteger();

	private final FrameBacklog backlog = new FrameBacklog(BUDGET, this.buffered::get, this.consumed::get,
			this.exhausted::incrementAndGet);

	@Test
	void pendingBytesShouldBeWhatWasReadAndNotHandledPlusAnAllowancePerWaitingFrame() {
		this.buffered.set(300);
		assertThat(this.backlog.pendingBytes()).isEqualTo(300);
		readFrame(100);
		readFrame(50);
		// 150 taken by the codec as two frames, 150 still buffered
		assertThat(this.backlog.pendingBytes()).isEqualTo(300 + 2 * FrameBacklog.FRAME_ALLOWANCE);
		this.backlog.finished();
		assertThat(this.backlog.pendingBytes()).isEqualTo(200 + FrameBacklog.FRAME_ALLOWANCE);
		this.backlog.finished();
		assertThat(this.backlog.pendingBytes()).isEqualTo(150);
		assertThat(this.backlog.isEmpty()).isTrue();
	}

	@Test
	void finishedWithoutAWaitingFrameShouldFreeNothing() {
		this.buffered.set(500);
		readFrame(200);
		this.backlog.finished();
		this.backlog.finished();
		assertThat(this.backlog.pendingBytes()).isEqualTo(300);
	}

	@Test
	void budgetShouldAlwaysFitTheLargestFrame() {
		assertThat(FrameBacklog.budget(1_000_000, 65_536)).isEqualTo(1_000_000);
		assertThat(FrameBacklog.budget(1_000, 65_536)).isEqualTo(65_536 + FrameBacklog.FRAME_ALLOWANCE);
		assertThat(FrameBacklog.budget(Integer.MAX_VALUE, Integer.MAX_VALUE))
			.isEqualTo((long) Integer.MAX_VALUE + FrameBacklog.FRAME_ALLOWANCE);
	}

	@Test
	void readerShouldGoOnJustBelowTheBudgetAndStopAtIt() {
		this.buffered.set(BUDGET - 1);
		assertThat(this.backlog.awaitRoom(NO_WAIT)).isTrue();
		this.buffered.set(BUDGET);
		assertThat(this.backlog.awaitRoom(NO_WAIT)).isFalse();
		assertThat(this.backlog.awaitRoom(TimeUnit.MILLISECONDS.toNanos(20))).isFalse();
	}

	@Test
	void readerShouldGoOnOnceAHandledFrameFreesRoom() {
		this.buffered.set(BUDGET);
		readFrame(BUDGET);
		// asked on this thread, the count must leave the lock free for the reader
		assertThat(this.backlog.pendingBytes()).isEqualTo(BUDGET + FrameBacklog.FRAME_ALLOWANCE);
		assertThat(this.backlog.isEmpty()).isFalse();
		CompletableFuture<Boolean> reader = waitingReader();
		this.backlog.finished();
		assertThat(reader).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(true);
	}

	@Test
	void readerShouldGoOnOnceTheConnectionCloses() {
		this.buffered.set(2 * BUDGET);
		CompletableFuture<Boolean> reader = waitingReader();
		assertThat(this.backlog.isClosed()).isFalse();
		this.backlog.close();
		assertThat(reader).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(true);
		assertThat(this.backlog.isClosed()).isTrue();
		assertThat(this.backlog.awaitRoom(NO_WAIT)).isTrue();
	}

	@Test
	void interruptedReaderShouldStopWaitingAndKeepItsInterrupt() {
		this.buffered.set(BUDGET);
		Thread.currentThread().interrupt();
		try {
			assertThat(this.backlog.awaitRoom(TimeUnit.SECONDS.toNanos(60))).isFalse();
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void assemblerShouldGoOnOverTheBudgetWhenNoFrameWaits() {
		// everything read is still in Spring Integration's buffers: only the codec can free it
		this.buffered.set(3 * BUDGET);
		CompletableFuture<Void> assembler = TestThreads.runAsync(this.backlog::assembling);
		assertThat(assembler).succeedsWithin(Duration.ofSeconds(30));
	}

	@Test
	void assemblerShouldWaitOverTheBudgetWhileFramesWaitUntilOneIsHandled() {
		this.buffered.set(BUDGET);
		readFrame(100);
		CompletableFuture<Void> assembler = TestThreads.runAsync(this.backlog::assembling);
		// past the assembler's first one-second wait, so that it has to wait again
		await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(30)).until(() -> !assembler.isDone());
		this.backlog.finished();
		assertThat(assembler).succeedsWithin(Duration.ofSeconds(30));
	}

	@Test
	void interruptedAssemblerShouldStopWaitingAndKeepItsInterrupt() {
		this.buffered.set(BUDGET);
		readFrame(100);
		CompletableFuture<Boolean> assembler = TestThreads.supplyAsync(() -> {
			Thread.currentThread().interrupt();
			this.backlog.assembling();
			return Thread.interrupted();
		});
		assertThat(assembler).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(true);
	}

	@Test
	void halfClosedConnectionShouldCloseOnceItsLastFrameIsHandled() {
		this.buffered.set(200);
		readFrame(100);
		readFrame(100);
		this.backlog.endInput();
		assertThat(this.backlog.isInputEnded()).isTrue();
		assertThat(this.exhausted).hasValue(0);
		this.backlog.finished();
		assertThat(this.exhausted).hasValue(0);
		this.backlog.finished();
		assertThat(this.exhausted).hasValue(1);
		assertThat(this.backlog.isClosed()).isTrue();
		this.backlog.closeIfExhausted();
		this.backlog.endInput();
		assertThat(this.exhausted).hasValue(1);
	}

	@Test
	void halfClosedConnectionShouldCloseAtOnceWhenEverythingWasHandled() {
		this.backlog.endInput();
		assertThat(this.exhausted).hasValue(1);
	}

	@Test
	void connectionShouldStayOpenWhileItsInputHasNotEnded() {
		this.backlog.closeIfExhausted();
		readFrame(0);
		this.backlog.finished();
		assertThat(this.exhausted).hasValue(0);
		assertThat(this.backlog.isInputEnded()).isFalse();
	}

	@Test
	void halfClosedConnectionShouldStayOpenWhileBytesAreBuffered() {
		this.buffered.set(1);
		this.backlog.endInput();
		assertThat(this.exhausted).hasValue(0);
		// the codec takes the last byte without completing a frame
		this.backlog.assembling();
		this.buffered.set(0);
		this.consumed.set(1);
		this.backlog.assembled(false);
		assertThat(this.exhausted).hasValue(1);
	}

	@Test
	void halfClosedConnectionShouldStayOpenWhileTheCodecAssembles() {
		this.backlog.assembling();
		this.backlog.endInput();
		this.backlog.closeIfExhausted();
		assertThat(this.exhausted).hasValue(0);
		this.backlog.assembled(true);
		assertThat(this.exhausted).hasValue(0);
		this.backlog.finished();
		assertThat(this.exhausted).hasValue(1);
	}

	@Test
	void closingAnExhaustedConnectionShouldWakeAWaitingReader() {
		this.buffered.set(BUDGET);
		this.backlog.endInput();
		CompletableFuture<Boolean> reader = waitingReader();
		// the buffered bytes turn out to be nothing the codec makes a frame of
		this.backlog.assembling();
		this.buffered.set(0);
		this.consumed.set(BUDGET);
		this.backlog.assembled(false);
		assertThat(reader).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(true);
		assertThat(this.exhausted).hasValue(1);
	}

	@Test
	void endOfInputShouldWakeAReaderHeldBackByAPartFrame() {
		// the codec has taken a budget's worth of bytes without completing a frame
		this.backlog.assembling();
		this.consumed.set(BUDGET);
		this.backlog.assembled(false);
		CompletableFuture<Boolean> reader = waitingReader();
		this.backlog.endInput();
		assertThat(reader).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(true);
		assertThat(this.exhausted).hasValue(1);
	}

	@Test
	void busyConnectionShouldBeActiveNowAndAnIdleOneSinceItsLastFrameOrRead() {
		long start = System.currentTimeMillis();
		assertThat(this.backlog.lastActive(42)).isEqualTo(42);
		readFrame(10);
		assertThat(this.backlog.lastActive(42)).isGreaterThanOrEqualTo(start);
		this.backlog.finished();
		long finished = this.backlog.lastActive(42);
		assertThat(finished).isGreaterThanOrEqualTo(start).isLessThanOrEqualTo(System.currentTimeMillis());
		assertThat(this.backlog.lastActive(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void outOfStepShouldBeRemembered() {
		assertThat(this.backlog.isOutOfStep()).isFalse();
		this.backlog.markOutOfStep();
		assertThat(this.backlog.isOutOfStep()).isTrue();
	}

	@Test
	void exhaustedConnectionShouldBeClosedOnTheThreadThatHandledTheLastFrame() {
		AtomicBoolean onHandler = new AtomicBoolean();
		Thread handler = Thread.currentThread();
		FrameBacklog backlog = new FrameBacklog(BUDGET, () -> 0, this.consumed::get,
				() -> onHandler.set(Thread.currentThread() == handler));
		backlog.assembling();
		backlog.assembled(true);
		TestThreads.runAsync(backlog::endInput).join();
		assertThat(onHandler).isFalse();
		backlog.finished();
		assertThat(onHandler).isTrue();
	}

	/**
	 * Start a reader asking for room on its own thread, and return once it waits for it: a wake-up
	 * is only tested when the reader sleeps before it comes.
	 */
	private CompletableFuture<Boolean> waitingReader() {
		CompletableFuture<Boolean> result = new CompletableFuture<>();
		Thread reader = new Thread(() -> result.complete(this.backlog.awaitRoom(TimeUnit.SECONDS.toNanos(120))),
				"reader");
		reader.setDaemon(true);
		reader.start();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> result.isDone() || reader.getState() == Thread.State.TIMED_WAITING);
		assertThat(result).as("the reader should wait for room").isNotDone();
		return result;
	}

	/** The codec takes {@code bytes} from Spring Integration's buffers and makes a frame of them. */
	private void readFrame(long bytes) {
		this.backlog.assembling();
		this.buffered.addAndGet(-bytes);
		this.consumed.addAndGet(bytes);
		this.backlog.assembled(true);
	}

}
