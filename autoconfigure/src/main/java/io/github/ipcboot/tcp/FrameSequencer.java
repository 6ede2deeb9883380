package io.github.ipcboot.tcp;

import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Hands the frames of one connection to a handler one at a time and in the order of their
 * sequence numbers (1, 2, 3, ...), whatever threads they arrive on. Spring Integration's NIO
 * connections may deliver consecutive frames of one socket on different threads; without this,
 * replies to pipelined requests could leave out of order. No thread ever waits: a thread that
 * finds another one handling the connection leaves its frame for that one.
 */
final class FrameSequencer {

	/** Frames that may wait for their turn before further ones are held back. */
	static final int MAX_WAITING = 1024;

	private final ConcurrentSkipListMap<Long, Object> waiting = new ConcurrentSkipListMap<>();

	private final AtomicBoolean handling = new AtomicBoolean();

	/** Guarded by {@link #handling}. */
	private long next = 1;

	void submit(long sequence, Object frame, Consumer<Object> handler) {
		this.waiting.put(sequence, frame);
		if (!this.handling.get()) {
			drain(handler);
			return;
		}
		// another thread is handling this connection: hold this (NIO assembler) thread while too
		// many frames wait, so that a pipelining client in front of a slow listener is slowed down
		// (as it would be without the sequencer) instead of filling memory
		while (this.waiting.size() > MAX_WAITING && this.handling.get()) {
			LockSupport.parkNanos(1_000_000);
		}
		drain(handler);
	}

	private void drain(Consumer<Object> handler) {
		while (this.handling.compareAndSet(false, true)) {
			try {
				Object ready;
				while ((ready = this.waiting.remove(this.next)) != null) {
					this.next++;
					handler.accept(ready);
				}
			}
			finally {
				this.handling.set(false);
			}
			// a frame may have arrived between the last look and letting go: look once more
			if (!this.waiting.containsKey(this.next)) {
				return;
			}
		}
	}

}
