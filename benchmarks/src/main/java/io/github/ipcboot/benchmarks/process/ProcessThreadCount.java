package io.github.ipcboot.benchmarks.process;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.ipcboot.process.DefaultProcessService;
import io.github.ipcboot.process.ProcessSpec;
import io.github.ipcboot.process.RunningProcess;

/**
 * Counts the threads a running child costs: starts {@code N} long-running children through the
 * service, waits until their pumps are blocked, and compares the JVM's platform threads and the
 * operating system's threads of this process (which include virtual-thread carriers and the
 * JDK's process reaper threads) with the counts before. Run with
 * {@code java -cp benchmarks/target/benchmarks.jar io.github.ipcboot.benchmarks.process.ProcessThreadCount [N]}.
 */
public final class ProcessThreadCount {

	private ProcessThreadCount() {
	}

	public static void main(String[] args) throws Exception {
		int children = (args.length > 0) ? Integer.parseInt(args[0]) : 50;
		try (DefaultProcessService service = DefaultProcessService.builder().maxConcurrent(children).build()) {
			// one run first so that lazily created JDK and service threads exist before counting
			service.run(ProcessSpec.of("/bin/true"));
			long platformBefore = ManagementFactory.getThreadMXBean().getThreadCount();
			long osBefore = osThreads();
			List<RunningProcess> running = new ArrayList<>();
			for (int i = 0; i < children; i++) {
				running.add(service.start(ProcessSpec.builder("sleep", "1000").build()));
			}
			Thread.sleep(Duration.ofSeconds(1).toMillis()); // let every pump reach its blocking read
			long platform = ManagementFactory.getThreadMXBean().getThreadCount() - platformBefore;
			long os = osThreads() - osBefore;
			System.out.printf("java %s, %d running children: +%d platform threads (%.2f per child), "
					+ "+%d OS threads (%.2f per child)%n", System.getProperty("java.version"), children, platform,
					(double) platform / children, os, (double) os / children);
			running.forEach(RunningProcess::cancel);
		}
	}

	private static long osThreads() throws IOException {
		try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
			return tasks.count();
		}
	}

}
