package io.github.ipcboot.benchmarks.load;

import org.jspecify.annotations.Nullable;

/**
 * One server measured by {@link IdleConnectionsBenchmark}: its footprint with no connection, then
 * with the connections that were served and left idle, and what did not work.
 *
 * @param kind the server
 * @param jdk the server's Java version
 * @param round the round, from 1
 * @param requested connections asked for
 * @param served connections that got their echo
 * @param stillOpen served connections the server had not closed when it was measured
 * @param failures the failures by reason, empty if none
 * @param openMillis how long opening and checking the connections took
 * @param baseline the footprint with no connection
 * @param loaded the footprint with the connections idle, {@code null} if the server had died
 */
record IdleRun(ServerKind kind, String jdk, int round, int requested, int served, int stillOpen, String failures,
		long openMillis, ServerFootprint baseline, @Nullable ServerFootprint loaded) {

	private static final double MIB = 1024.0 * 1024.0;

	/**
	 * Return the header of the Markdown table of {@link #toMarkdownRow()}.
	 * @return two lines: the titles and the alignment
	 */
	static String markdownHeader() {
		return "| server | JDK | round | served / asked | open after idle | OS threads 0 → N | Java threads 0 → N "
				+ "| heap after GC MiB 0 → N | RSS MiB 0 → N | per conn: threads | per conn: heap | per conn: RSS "
				+ "| open time s | failures |\n"
				+ "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |";
	}

	/**
	 * Return this run as a row of the Markdown table; per-connection figures are the difference
	 * to the baseline divided by the connections served.
	 * @return the row
	 */
	String toMarkdownRow() {
		ServerFootprint loaded = this.loaded;
		String failed = this.failures.isEmpty() ? "0" : this.failures;
		if (loaded == null) {
			return String.format("| %s | %s | %d | %,d / %,d | – | %d → died | – | – | – | – | – | – | %.1f | %s |",
					this.kind.id(), this.jdk, this.round, this.served, this.requested, this.baseline.osThreads(),
					this.openMillis / 1000.0, failed);
		}
		ServerFootprint delta = loaded.minus(this.baseline);
		int per = Math.max(1, this.served);
		return String.format(
				"| %s | %s | %d | %,d / %,d | %,d | %,d → %,d | %,d → %,d | %.1f → %.1f | %.1f → %.1f | %.3f | %,.0f B "
						+ "| %,.0f B | %.1f | %s |",
				this.kind.id(), this.jdk, this.round, this.served, this.requested, this.stillOpen,
				this.baseline.osThreads(), loaded.osThreads(), this.baseline.javaThreads(), loaded.javaThreads(),
				this.baseline.heapUsedBytes() / MIB, loaded.heapUsedBytes() / MIB, this.baseline.rssBytes() / MIB,
				loaded.rssBytes() / MIB, (double) delta.osThreads() / per, (double) delta.heapUsedBytes() / per,
				(double) delta.rssBytes() / per, this.openMillis / 1000.0, failed);
	}

	/**
	 * Return the figures this table leaves out: heap committed and virtual memory size.
	 * @return one line
	 */
	String details() {
		ServerFootprint loaded = this.loaded;
		return String.format("%s JDK %s round %d: heap committed %.0f → %s MiB, VmSize %.0f → %s MiB", this.kind.id(),
				this.jdk, this.round, this.baseline.heapCommittedBytes() / MIB,
				(loaded != null) ? String.format("%.0f", loaded.heapCommittedBytes() / MIB) : "–",
				this.baseline.virtualBytes() / MIB,
				(loaded != null) ? String.format("%.0f", loaded.virtualBytes() / MIB) : "–");
	}

}
