package io.github.ipcboot.benchmarks.process;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

import io.github.ipcboot.process.DefaultProcessService;
import io.github.ipcboot.process.LauncherType;
import io.github.ipcboot.process.ProcessSpec;

/**
 * Sequential spawn-and-wait rate of the service, in the same shape as the C and Python
 * references ({@code benchmarks/src/main/c/spawn_true.c}, {@code benchmarks/src/main/python/spawn_true.py})
 * so that the three can be run one after the other, interleaved, on a shared machine: warms up
 * for 2 s, then counts runs of {@code /bin/true} (or {@code /bin/echo hello} with its output
 * captured) for the given seconds, and prints the rate with the JVM's CPU time per run (all its
 * threads, the children's left out: a figure that load on a shared machine changes far less than
 * the rate). Run with
 * {@code java --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar io.github.ipcboot.benchmarks.process.ProcessSpawnRate <native|jdk> <true|echo> [seconds] [contain]}.
 */
public final class ProcessSpawnRate {

	private static final Duration WARM_UP = Duration.ofSeconds(2);

	private ProcessSpawnRate() {
	}

	public static void main(String[] args) {
		LauncherType launcher = LauncherType.valueOf(args[0].toUpperCase(Locale.ROOT));
		boolean echo = args.length > 1 && args[1].equals("echo");
		double seconds = (args.length > 2) ? Double.parseDouble(args[2]) : 5;
		boolean contain = args.length <= 3 || Boolean.parseBoolean(args[3]);
		ProcessSpec spec = echo ? ProcessSpec.of("/bin/echo", "hello") : ProcessSpec.of("/bin/true");
		try (DefaultProcessService service = DefaultProcessService.builder()
			.launcher(launcher)
			.containDescendants(contain)
			.build()) {
			count(service, spec, WARM_UP.toNanos());
			long nanos = (long) (seconds * 1e9);
			long cpuStart = cpuNanos();
			long start = System.nanoTime();
			long runs = count(service, spec, nanos);
			double rate = runs / ((System.nanoTime() - start) / 1e9);
			double cpuMicrosPerRun = (cpuNanos() - cpuStart) / 1e3 / runs;
			System.out.printf(Locale.ROOT, "Java %s service %s launcher%s %s (JVM CPU %.0f us/run): %.0f/s%n",
					System.getProperty("java.version"), service.getLauncher(), contain ? "" : " (uncontained)",
					echo ? "/bin/echo hello" : "/bin/true", cpuMicrosPerRun, rate);
		}
	}

	private static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static long count(DefaultProcessService service, ProcessSpec spec, long nanos) {
		long runs = 0;
		long start = System.nanoTime();
		while (System.nanoTime() - start < nanos) {
			if (service.run(spec).exitCode() != 0) {
				throw new IllegalStateException("run failed");
			}
			runs++;
		}
		return runs;
	}

}
