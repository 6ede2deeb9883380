package io.github.ipcboot.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a server JVM holds at one moment, read from outside: operating-system threads and resident
 * memory from {@code /proc/<pid>/status}, and, after a full GC that {@code jcmd} asks for, the heap
 * in use and committed ({@code GC.heap_info}) and the JVM's live platform threads (perf counter
 * {@code java.threads.live}; virtual threads are not in it).
 *
 * @param osThreads the process's threads ({@code Threads:}), JVM-internal ones included
 * @param javaThreads live platform {@link Thread}s
 * @param heapUsedBytes heap in use after the full GC
 * @param heapCommittedBytes heap committed after the full GC
 * @param rssBytes resident set size ({@code VmRSS:})
 * @param virtualBytes virtual memory size ({@code VmSize:}), thread stacks reserved included
 */
record ServerFootprint(long osThreads, long javaThreads, long heapUsedBytes, long heapCommittedBytes, long rssBytes,
		long virtualBytes) {

	private static final long JCMD_TIMEOUT_SECONDS = 120;

	// G1 on JDK 17: " garbage-first heap   total 65536K, used 21504K [0x...", on JDK 25:
	// "total reserved 524288K, committed 65536K, used 21504K"; the first match is the heap
	private static final Pattern HEAP = Pattern.compile("(?:total|committed) (\\d+)K, used (\\d+)K");

	private static final Pattern LIVE_THREADS = Pattern.compile("java\\.threads\\.live=(\\d+)");

	/**
	 * Run a full GC in the process and read its footprint.
	 * @param pid the server's process id
	 * @param jcmd the {@code jcmd} of the server's JDK
	 * @return the footprint
	 * @throws IOException if {@code jcmd} or {@code /proc} cannot be read
	 * @throws InterruptedException if interrupted while {@code jcmd} runs
	 */
	static ServerFootprint measure(long pid, Path jcmd) throws IOException, InterruptedException {
		Matcher heap = HEAP.matcher(jcmd(pid, jcmd, "GC.run", "GC.heap_info"));
		// jcmd reads the perf counters from the process's hsperfdata file itself: not with -f
		Matcher live = LIVE_THREADS.matcher(jcmd(pid, jcmd, "PerfCounter.print"));
		if (!heap.find() || !live.find()) {
			throw new IOException("Unexpected jcmd output for " + pid + ": no heap or no java.threads.live");
		}
		List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8);
		return new ServerFootprint(statusValue(status, "Threads:"), Long.parseLong(live.group(1)),
				Long.parseLong(heap.group(2)) * 1024, Long.parseLong(heap.group(1)) * 1024,
				statusValue(status, "VmRSS:") * 1024, statusValue(status, "VmSize:") * 1024);
	}

	/**
	 * Return this footprint minus another, field by field.
	 * @param baseline the footprint to subtract
	 * @return the difference
	 */
	ServerFootprint minus(ServerFootprint baseline) {
		return new ServerFootprint(this.osThreads - baseline.osThreads, this.javaThreads - baseline.javaThreads,
				this.heapUsedBytes - baseline.heapUsedBytes, this.heapCommittedBytes - baseline.heapCommittedBytes,
				this.rssBytes - baseline.rssBytes, this.virtualBytes - baseline.virtualBytes);
	}

	// one jcmd process runs all the diagnostic commands given (-f)
	private static String jcmd(long pid, Path jcmd, String... commands) throws IOException, InterruptedException {
		Path script = Files.createTempFile("idle-jcmd", ".txt");
		Path output = Files.createTempFile("idle-jcmd", ".out");
		try {
			Files.write(script, List.of(commands), StandardCharsets.UTF_8);
			List<String> command = (commands.length == 1)
					? List.of(jcmd.toString(), Long.toString(pid), commands[0])
					: List.of(jcmd.toString(), Long.toString(pid), "-f", script.toString());
			Process process = new ProcessBuilder(command)
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException("jcmd " + pid + " did not finish in " + JCMD_TIMEOUT_SECONDS + " s");
			}
			String text = Files.readString(output, StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				throw new IOException("jcmd " + pid + " exited with " + process.exitValue() + ": " + text);
			}
			return text;
		}
		finally {
			Files.deleteIfExists(script);
			Files.deleteIfExists(output);
		}
	}

	private static long statusValue(List<String> status, String key) throws IOException {
		for (String line : status) {
			if (line.startsWith(key)) {
				return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
			}
		}
		throw new IOException("No " + key + " in /proc/<pid>/status");
	}

}
