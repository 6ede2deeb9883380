package io.github.ipcboot.benchmarks.load;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The TCP load benchmark: starts each echo server in a child process of its own, runs every
 * scenario against it with the {@link LoadClient} (a warm-up phase, then a measured phase), stops
 * it, and prints one Markdown table with each row's ratio to Netty in the same run.
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.ipcboot.benchmarks.load.LoadBenchmark \
 *     [--servers=netty,si-nio] [--scenarios=rr1,rr16,pipelined] [--warmup=3s] [--measure=5s]
 * </pre>
 * Options are described in {@link LoadOptions}. Each server gets a fresh process so that no
 * server's JIT state, garbage or leftover threads affect the next, a crash of one cannot take the
 * runner down, and the Python server is treated like the Java ones. The client runs in this JVM.
 */
public final class LoadBenchmark {

	private LoadBenchmark() {
	}

	/**
	 * Run the benchmark.
	 * @param args options of the form {@code --key=value}, see {@link LoadOptions}
	 * @throws InterruptedException if interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		LoadOptions options;
		try {
			options = LoadOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		System.out.printf("TCP load benchmark: %d cores, client JDK %s, warm-up %d ms + measure %d ms per scenario%n",
				Runtime.getRuntime().availableProcessors(), Runtime.version(), options.warmUp().toMillis(),
				options.measure().toMillis());
		ResultTable table = new ResultTable();
		if (options.port() != null) {
			runScenarios("server on port " + options.port(), new InetSocketAddress("127.0.0.1", options.port()), null,
					options, table);
		}
		else {
			for (ServerKind kind : options.servers()) {
				runServer(kind, options, table);
			}
		}
		System.out.println();
		System.out.print(table.toMarkdown());
	}

	private static void runServer(ServerKind kind, LoadOptions options, ResultTable table)
			throws InterruptedException {
		String unavailable = kind.launcher().unavailableReason(options);
		if (unavailable != null) {
			System.out.printf("Skipping %s: %s%n", kind.id(), unavailable);
			return;
		}
		try (ServerProcess server = ServerProcess.start(kind, options)) {
			System.out.printf("%s listening on %s%n", kind.id(), server.where());
			runScenarios(kind.label(), server.address(), ServerCpu.ofProcess(server.pid()), options, table);
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException interrupted) {
				throw interrupted;
			}
			System.out.printf("%s failed: %s%n", kind.id(), ex.getMessage());
			options.scenarios().forEach((scenario) -> table.addFailure(kind.label(), scenario, firstLine(ex)));
		}
	}

	private static void runScenarios(String server, SocketAddress address, @Nullable ServerCpu cpu,
			LoadOptions options, ResultTable table) throws InterruptedException {
		for (Scenario scenario : options.scenarios()) {
			ScenarioResult result = LoadClient.run(address, scenario, options.warmUp(), options.measure(), cpu);
			System.out.printf("  %-18s %,12.0f msgs/s  %,10.0f msgs/CPU-s  p50 %,9d ns  p99 %,11d ns  errors %s%n",
					scenario.label(), result.messagesPerSecond(), result.messagesPerCpuSecond(), result.p50Nanos(),
					result.p99Nanos(), result.describeErrors());
			table.add(server, scenario, result);
		}
	}

	private static String firstLine(Exception ex) {
		String message = String.valueOf(ex.getMessage());
		List<String> lines = message.lines().toList();
		return lines.isEmpty() ? ex.getClass().getSimpleName() : lines.get(0);
	}

}
