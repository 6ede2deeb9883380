package io.github.ipcboot.tcp;

import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hands the frames of one connection to a handler one at a time and in the order of their
 * sequence numbers (1, 2, 3, ...), whatever threads they arrive on. Spring Integration's NIO
 * connections may deliver consecutive frames of one socket on different threads; without this,
 * replies to pipelined requests could leave out of order. No thread ever waits: a thread that
 * finds another one handling the connection leaves its frame for that one. How many frames may
 * wait is bounded by the connection's {@link FrameBacklog}, which stops reading while they hold
 * too many bytes.
 */
final class FrameSequencer {

	private final ConcurrentSkipListMap<Long, Object> waiting = new ConcurrentSkipListMap<>();

	private final AtomicBoolean handling = new AtomicBoolean();

	/** Guarded by {@link #handling}. */
	private long next = 1;

	void submit(long sequence, Object frame, Consumer<Object> handler) {
		this.waiting.put(sequence, frame);
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
