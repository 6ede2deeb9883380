package io.github.ipcboot.tcp;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Bounds how many WARN lines the peers of one server (or client) can cause together: at most
 * {@link #MAX_PER_WINDOW} a minute; the rest go to DEBUG, and the next WARN line tells how many
 * were held back. One WARN per connection is not enough on its own: a flood of connections would
 * still give one line each. Public so that other transports (UDP endpoints) bound their WARN lines
 * the same way.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public final class WarnRateLimit {

	/** The most WARN lines in one window. */
	static final int MAX_PER_WINDOW = 10;

	/** The length of a window. */
	static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final LongSupplier nanoTime;

	private long windowStart;

	private int used;

	private long suppressed;

	/**
	 * Create a new instance.
	 * @param nanoTime the clock, {@code System::nanoTime} outside tests
	 */
	public WarnRateLimit(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
		this.windowStart = nanoTime.getAsLong();
	}

	/**
	 * Take a WARN line if the window has one left.
	 * @return -1 if not (log at DEBUG instead), else how many lines were held back since the last
	 * one that was written
	 */
	public synchronized long acquire() {
		long now = this.nanoTime.getAsLong();
		if (now - this.windowStart >= WINDOW_NANOS) {
			this.windowStart = now;
			this.used = 0;
		}
		if (this.used >= MAX_PER_WINDOW) {
			this.suppressed++;
			return -1;
		}
		this.used++;
		long held = this.suppressed;
		this.suppressed = 0;
		return held;
	}

}
