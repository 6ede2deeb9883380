package io.github.ipcboot.benchmarks.process;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.github.ipcboot.process.DefaultProcessService;
import io.github.ipcboot.process.LauncherType;
import io.github.ipcboot.process.ProcessSpec;
import io.github.ipcboot.process.RunningProcess;

/**
 * Counts the threads a running child costs: starts {@code N} long-running children through the
 * service (containment on, as by default), waits until the thread count has stopped growing, and
 * compares the JVM's platform threads and the operating system's threads of this process (which
 * include virtual-thread carriers and the JDK's process reaper threads) with the counts before,
 * with the added threads by kind. Run with
 * {@code java -cp benchmarks/target/benchmarks.jar io.github.ipcboot.benchmarks.process.ProcessThreadCount [N [auto|jdk|native]]}.
 */
public final class ProcessThreadCount {

	private static final Duration SETTLE_WAIT = Duration.ofMinutes(2);

	private ProcessThreadCount() {
	}

	public static void main(String[] args) throws Exception {
		int children = (args.length > 0) ? Integer.parseInt(args[0]) : 50;
		LauncherType launcher = (args.length > 1) ? LauncherType.valueOf(args[1].toUpperCase(Locale.ROOT))
				: LauncherType.AUTO;
		try (DefaultProcessService service = DefaultProcessService.builder()
			.launcher(launcher)
			.maxConcurrent(children)
			.defaultTimeout(Duration.ZERO)
			.build()) {
			// one run first so that lazily created JDK and service threads exist before counting
			service.run(ProcessSpec.of("/bin/true"));
			Map<String, Integer> kindsBefore = threadKinds();
			long platformBefore = ManagementFactory.getThreadMXBean().getThreadCount();
			long osBefore = osThreads();
			long startNanos = System.nanoTime();
			List<RunningProcess> running = new ArrayList<>();
			for (int i = 0; i < children; i++) {
				running.add(service.start(ProcessSpec.builder("sleep", "1000").check(false).build()));
			}
			long started = System.nanoTime() - startNanos;
			awaitSteadyThreadCount();
			long platform = ManagementFactory.getThreadMXBean().getThreadCount() - platformBefore;
			long os = osThreads() - osBefore;
			Map<String, Integer> added = threadKinds();
			kindsBefore.forEach((kind, count) -> added.merge(kind, -count, Integer::sum));
			added.values().removeIf((count) -> count == 0);
			System.out.printf("java %s, %s launcher, containment %s, %d running children (started in %d ms): "
					+ "+%d platform threads (%.2f per child), +%d OS threads (%.2f per child); added by kind: %s%n",
					System.getProperty("java.version"), service.getLauncher(), service.getContainment(), children,
					Duration.ofNanos(started).toMillis(), platform, (double) platform / children, os,
					(double) os / children, added);
			long stopNanos = System.nanoTime();
			running.forEach(RunningProcess::cancel);
			running.forEach(RunningProcess::await);
			System.out.printf("cancelled and awaited in %d ms%n", Duration.ofNanos(System.nanoTime() - stopNanos).toMillis());
		}
	}

	/**
	 * Waits until the OS thread count has not changed for two seconds: every pump has reached its
	 * blocking read.
	 */
	private static void awaitSteadyThreadCount() throws IOException, InterruptedException {
		long deadline = System.nanoTime() + SETTLE_WAIT.toNanos();
		long last = -1;
		int steady = 0;
		while (steady < 4 && System.nanoTime() - deadline < 0) {
			Thread.sleep(500);
			long now = osThreads();
			steady = (now == last) ? steady + 1 : 0;
			last = now;
		}
	}

	/**
	 * The live threads by name with the trailing number or pid left out (such as
	 * {@code ipc-process-}, or {@code process reaper} for JDK 25's {@code process reaper (pid 42)}).
	 */
	private static Map<String, Integer> threadKinds() {
		Map<String, Integer> kinds = new TreeMap<>();
		Thread.getAllStackTraces()
			.keySet()
			.forEach((thread) -> kinds.merge(thread.getName().replaceAll(" \\(pid \\d+\\)$|\\d+$", ""), 1, Integer::sum));
		return kinds;
	}

	private static long osThreads() throws IOException {
		try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
			return tasks.count();
		}
	}

}
