package io.github.ipcboot.benchmarks.load;

import java.util.ArrayList;
import java.util.List;

/**
 * What the load client measured for one scenario against one server. Throughput and latency come
 * from the measurement phase only; errors are counted in the warm-up too.
 *
 * @param messages the number of lines echoed correctly during the measurement phase
 * @param seconds the length of the measurement phase
 * @param p50Nanos the median latency from send to receipt
 * @param p99Nanos the 99th percentile latency
 * @param mismatches echoed lines that differ from what was sent (or were never sent)
 * @param reordered lines received before a line sent earlier on the same connection
 * @param disconnects connections lost before the end (closed by the server, I/O errors, read
 * timeouts, failed connects)
 * @param serverCpuSeconds the CPU time (user + system, all threads) the server process used during
 * the measurement phase, NaN if unknown
 */
public record ScenarioResult(long messages, double seconds, long p50Nanos, long p99Nanos, long mismatches,
		long reordered, long disconnects, double serverCpuSeconds) {

	/**
	 * Return the correct echoes per CPU-second of the server in the measurement phase.
	 * @return messages per server CPU-second, NaN if the CPU time is unknown
	 */
	public double messagesPerCpuSecond() {
		return (this.serverCpuSeconds > 0) ? this.messages / this.serverCpuSeconds : Double.NaN;
	}

	/**
	 * Return the correct echoes per second in the measurement phase.
	 * @return messages per second
	 */
	public double messagesPerSecond() {
		return (this.seconds > 0) ? this.messages / this.seconds : 0;
	}

	/**
	 * Return the total number of errors of every kind.
	 * @return mismatches + reordered + disconnects
	 */
	public long errors() {
		return this.mismatches + this.reordered + this.disconnects;
	}

	/**
	 * Describe the errors, e.g. {@code 0} or {@code 1,204 reordered, 2 disconnects}.
	 * @return a short description for the table
	 */
	public String describeErrors() {
		List<String> parts = new ArrayList<>();
		addPart(parts, this.mismatches, "mismatched");
		addPart(parts, this.reordered, "reordered");
		addPart(parts, this.disconnects, "disconnects");
		return parts.isEmpty() ? "0" : String.join(", ", parts);
	}

	private static void addPart(List<String> parts, long count, String what) {
		if (count > 0) {
			parts.add(String.format("%,d %s", count, what));
		}
	}

}
