package io.github.ipcboot.tcp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link FrameSequencer}: frames are handled in the order of their numbers whatever order
 * they arrive in, one at a time, without a thread ever waiting for another.
 */
class FrameSequencerTests {

	@Test
	void framesArrivingOutOfOrderShouldBeHandledInTheOrderOfTheirNumbers() {
		FrameSequencer sequencer = new FrameSequencer();
		List<Object> handled = new ArrayList<>();
		sequencer.submit(3, "c", handled::add);
		sequencer.submit(2, "b", handled::add);
		assertThat(handled).isEmpty();
		sequencer.submit(1, "a", handled::add);
		assertThat(handled).containsExactly("a", "b", "c");
		sequencer.submit(5, "e", handled::add);
		assertThat(handled).containsExactly("a", "b", "c");
		sequencer.submit(4, "d", handled::add);
		assertThat(handled).containsExactly("a", "b", "c", "d", "e");
	}

	@Test
	void frameArrivingWhileAnotherThreadHandlesShouldBeLeftToThatThread() throws Exception {
		FrameSequencer sequencer = new FrameSequencer();
		List<String> handledOn = new CopyOnWriteArrayList<>();
		AtomicReference<Thread> second = new AtomicReference<>();
		sequencer.submit(1, "first", (frame) -> {
			handledOn.add(frame + "@" + Thread.currentThread().getName());
			if (frame.equals("first")) {
				// another thread brings frame 2 while this one is busy: it must not wait for it
				Thread other = new Thread(() -> sequencer.submit(2, "second",
						(next) -> handledOn.add(next + "@" + Thread.currentThread().getName())), "other");
				second.set(other);
				other.start();
				join(other);
				assertThat(handledOn).hasSize(1);
			}
		});
		assertThat(second.get().isAlive()).isFalse();
		String caller = Thread.currentThread().getName();
		assertThat(handledOn).containsExactly("first@" + caller, "second@" + caller);
	}

	@Test
	void failingHandlerShouldNotStopLaterFrames() {
		FrameSequencer sequencer = new FrameSequencer();
		List<Object> handled = new ArrayList<>();
		assertThatIllegalStateException().isThrownBy(() -> sequencer.submit(1, "a", (frame) -> {
			throw new IllegalStateException("listener failed");
		}));
		sequencer.submit(2, "b", handled::add);
		assertThat(handled).containsExactly("b");
	}

	@Test
	void framesFromManyThreadsShouldAllBeHandledOnceInOrderAndOneAtATime() throws Exception {
		int frames = 20_000;
		int threads = 4;
		FrameSequencer sequencer = new FrameSequencer();
		List<Object> handled = Collections.synchronizedList(new ArrayList<>());
		AtomicReference<Thread> inside = new AtomicReference<>();
		List<String> overlaps = new CopyOnWriteArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> submitters = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int first = t + 1;
				submitters.add(executor.submit(() -> {
					start.await();
					// thread t brings frames t+1, t+1+threads, ...: consecutive frames on different threads
					for (long n = first; n <= frames; n += threads) {
						sequencer.submit(n, n, (frame) -> {
							if (!inside.compareAndSet(null, Thread.currentThread())) {
								overlaps.add("frame " + frame);
							}
							handled.add(frame);
							inside.set(null);
						});
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> submitter : submitters) {
				submitter.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		// every submit has returned: no frame may be left waiting
		assertThat(handled).hasSize(frames);
		for (int i = 0; i < frames; i++) {
			assertThat(handled.get(i)).isEqualTo((long) i + 1);
		}
		assertThat(overlaps).isEmpty();
	}

	private static void join(Thread thread) {
		try {
			thread.join(TimeUnit.SECONDS.toMillis(30));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
