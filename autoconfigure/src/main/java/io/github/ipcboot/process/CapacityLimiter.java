package io.github.ipcboot.process;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Bounds how many processes run at once, with a bounded queue of callers waiting a bounded time
 * for a slot; a caller that finds the queue full, or waits too long, is rejected.
 */
final class CapacityLimiter {

	private final String description;

	private final int maxConcurrent;

	private final int queueCapacity;

	private final Duration queueWait;

	private final Semaphore permits;

	private final AtomicInteger queued = new AtomicInteger();

	CapacityLimiter(String description, int maxConcurrent, int queueCapacity, Duration queueWait) {
		if (maxConcurrent < 1) {
			throw new IllegalArgumentException(description + " must be at least 1 (was " + maxConcurrent + ")");
		}
		this.description = description;
		this.maxConcurrent = maxConcurrent;
		this.queueCapacity = Math.max(0, queueCapacity);
		this.queueWait = queueWait;
		this.permits = new Semaphore(maxConcurrent, true);
	}

	/**
	 * Takes a slot, waiting until the deadline at the most (the queue wait from when the caller
	 * asked for its first slot).
	 * @param waiting counted up while the caller waits in the queue (the callers of its command)
	 * @return {@code null} on success, else why the caller is rejected
	 */
	@Nullable String acquire(long deadlineNanos, AtomicInteger waiting) throws InterruptedException {
		if (this.permits.tryAcquire()) {
			return null;
		}
		if (this.queued.incrementAndGet() > this.queueCapacity) {
			this.queued.decrementAndGet();
			return this.description + " of " + this.maxConcurrent + " reached and the wait queue of "
					+ this.queueCapacity + " is full";
		}
		waiting.incrementAndGet();
		try {
			long wait = deadlineNanos - System.nanoTime();
			if (this.permits.tryAcquire(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
				return null;
			}
			return this.description + " of " + this.maxConcurrent + " reached and no slot freed within the queue wait of "
					+ this.queueWait.toMillis() + " ms";
		}
		finally {
			waiting.decrementAndGet();
			this.queued.decrementAndGet();
		}
	}

	void release() {
		this.permits.release();
	}

	int queued() {
		return this.queued.get();
	}

	int maxConcurrent() {
		return this.maxConcurrent;
	}

	int queueCapacity() {
		return this.queueCapacity;
	}

	int running() {
		return this.maxConcurrent - this.permits.availablePermits();
	}

}
