package io.github.ipcboot.process;

import java.time.Duration;

/**
 * Checks the durations the service schedules with: they are counted in nanoseconds from
 * {@link System#nanoTime()}, so one longer than {@link #MAX} (about 292 years) would overflow and
 * is rejected where it is given rather than failing a run after its child started.
 */
final class SupportedDurations {

	/** The longest supported duration: {@link Long#MAX_VALUE} nanoseconds. */
	static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);

	private SupportedDurations() {
	}

	/**
	 * Returns the duration if it is neither negative nor longer than {@link #MAX}.
	 * @param duration the duration
	 * @param what what the duration is, to start the message with ("Timeout")
	 * @return the duration
	 * @throws IllegalArgumentException if the duration is negative or too long
	 */
	static Duration require(Duration duration, String what) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException(what + " must not be negative (was " + duration + ")");
		}
		if (duration.compareTo(MAX) > 0) {
			throw new IllegalArgumentException(what + " of " + duration.toDays() + " days is longer than the longest "
					+ "supported duration of " + MAX.toDays() + " days (" + Long.MAX_VALUE + " ns)");
		}
		return duration;
	}

}
