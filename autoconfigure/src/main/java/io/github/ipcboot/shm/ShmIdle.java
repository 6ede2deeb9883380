package io.github.ipcboot.shm;

import java.time.Duration;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * How a channel's threads wait for work (the reader for messages, a sender for room in a full ring, a
 * requester for its reply): spin {@code spins} times, then yield {@code yields} times, then park
 * for growing periods up to {@code maxPark}. With {@code busySpin} they never yield or park: the
 * lowest latency, and a whole core per waiting thread.
 *
 * @param busySpin whether to spin only
 * @param spins the spins before yielding
 * @param yields the yields before parking
 * @param maxPark the longest park, which bounds the added latency of an idle channel
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public record ShmIdle(boolean busySpin, long spins, long yields, Duration maxPark) {

	/** The shortest park, 1 µs. */
	static final long MIN_PARK_NANOS = 1_000;

	/**
	 * Create a new instance.
	 * @param busySpin whether to spin only
	 * @param spins the spins before yielding
	 * @param yields the yields before parking
	 * @param maxPark the longest park
	 */
	public ShmIdle {
		if (spins < 0 || yields < 0) {
			throw new IllegalArgumentException("spins and yields must be >= 0 (got " + spins + ", " + yields + ")");
		}
		if (maxPark.toNanos() < MIN_PARK_NANOS) {
			throw new IllegalArgumentException("max-park must be at least 1 µs (got " + maxPark.toNanos() + " ns)");
		}
	}

	/**
	 * Return a new idle strategy with these settings (one per waiting thread: they hold state).
	 * @return the strategy
	 */
	public IdleStrategy newStrategy() {
		return this.busySpin ? new BusySpinIdleStrategy()
				: new BackoffIdleStrategy(this.spins, this.yields, MIN_PARK_NANOS, this.maxPark.toNanos());
	}

}
