package io.github.ipcboot.benchmarks.load;

/**
 * Latencies in nanoseconds in log-linear buckets (64 buckets per power of two, so a reported
 * percentile is within about 1.6% of the true value), exact below 128 ns. Not thread-safe: each
 * connection records into its own histogram and the runner merges them.
 */
final class LatencyHistogram {

	private static final int SUB_BUCKETS = 64;

	private static final int BUCKETS = 2 * SUB_BUCKETS + 62 * SUB_BUCKETS;

	private final long[] counts = new long[BUCKETS];

	private long total;

	void record(long nanos) {
		this.counts[index(Math.max(0, nanos))]++;
		this.total++;
	}

	void add(LatencyHistogram other) {
		for (int i = 0; i < BUCKETS; i++) {
			this.counts[i] += other.counts[i];
		}
		this.total += other.total;
	}

	long count() {
		return this.total;
	}

	/**
	 * Return the value at the given percentile (0-100) in nanoseconds (the upper end of its
	 * bucket), or 0 if nothing was recorded.
	 */
	long percentile(double percentile) {
		if (this.total == 0) {
			return 0;
		}
		long rank = Math.max(1, (long) Math.ceil(this.total * percentile / 100.0));
		long seen = 0;
		for (int i = 0; i < BUCKETS; i++) {
			seen += this.counts[i];
			if (seen >= rank) {
				return upperBound(i);
			}
		}
		return upperBound(BUCKETS - 1);
	}

	static int index(long value) {
		if (value < 2 * SUB_BUCKETS) {
			return (int) value;
		}
		int shift = 63 - Long.numberOfLeadingZeros(value) - 6;
		return 2 * SUB_BUCKETS + (shift - 1) * SUB_BUCKETS + (int) ((value >>> shift) - SUB_BUCKETS);
	}

	static long upperBound(int index) {
		if (index < 2 * SUB_BUCKETS) {
			return index;
		}
		int shift = (index - 2 * SUB_BUCKETS) / SUB_BUCKETS + 1;
		long mantissa = (index - 2 * SUB_BUCKETS) % SUB_BUCKETS + SUB_BUCKETS;
		return ((mantissa + 1) << shift) - 1;
	}

}
