package io.github.ipcboot.benchmarks.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What idle connections cost a server: starts each echo server in a child JVM, measures its
 * threads, heap after a full GC and resident memory ({@link ServerFootprint}) with no connection,
 * opens the connections from this JVM ({@link IdleClients}: one thread, non-blocking sockets, one
 * echo each), leaves them idle, measures again, closes them and stops the server. Prints one
 * Markdown table; the per-connection cost is (with N) - (with 0), divided by the connections served.
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.ipcboot.benchmarks.load.IdleConnectionsBenchmark \
 *     [--servers=starter-nio,starter-virtual,starter] [--connections=10000] [--rounds=2] [--idle=10s] \
 *     [--server-java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java]
 * </pre>
 * Options are described in {@link IdleOptions}. Each round starts every server afresh. Both this
 * JVM and the server need a descriptor per connection: the open-files limit ({@code ulimit -n})
 * must exceed the connections plus about a hundred.
 */
public final class IdleConnectionsBenchmark {

	private IdleConnectionsBenchmark() {
	}

	/**
	 * Run the benchmark.
	 * @param args options of the form {@code --key=value}, see {@link IdleOptions}
	 * @throws Exception if a server cannot be started or measured
	 */
	public static void main(String[] args) throws Exception {
		IdleOptions options;
		try {
			options = IdleOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		String jdk = jdkVersion(options.jcmd());
		System.out.printf("Idle connections: %d cores, %s, %s; server JDK %s %s; %,d connections, idle %d ms%n",
				Runtime.getRuntime().availableProcessors(), procLine("/proc/meminfo", "MemTotal:"),
				procLine("/proc/self/limits", "Max open files"), jdk, String.join(" ", options.serverJvmArgs()),
				options.connections(), options.idle().toMillis());
		List<IdleRun> runs = new ArrayList<>();
		for (int round = 1; round <= options.rounds(); round++) {
			for (ServerKind kind : options.servers()) {
				IdleRun run = measure(kind, jdk, round, options);
				System.out.println(run.toMarkdownRow());
				runs.add(run);
			}
		}
		System.out.println();
		System.out.println(IdleRun.markdownHeader());
		runs.forEach((run) -> System.out.println(run.toMarkdownRow()));
		System.out.println();
		runs.forEach((run) -> System.out.println(run.details()));
	}

	private static IdleRun measure(ServerKind kind, String jdk, int round, IdleOptions options) throws Exception {
		try (ServerProcess server = ServerProcess.start(kind, options.launchOptions())) {
			ServerFootprint baseline = ServerFootprint.measure(server.pid(), options.jcmd());
			System.out.printf("%s round %d: pid %d, port %d, %d threads, opening %,d connections%n", kind.id(), round,
					server.pid(), server.port(), baseline.osThreads(), options.connections());
			long started = System.nanoTime();
			InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
			try (IdleClients clients = IdleClients.open(address, options.connections(), options.window())) {
				long openMillis = (System.nanoTime() - started) / 1_000_000;
				System.out.printf("  served %,d, failed %d %s in %,d ms; idle for %d ms%n", clients.served(),
						clients.failed(), clients.failureSummary(), openMillis, options.idle().toMillis());
				Thread.sleep(options.idle().toMillis());
				ServerFootprint loaded = server.isAlive() ? ServerFootprint.measure(server.pid(), options.jcmd()) : null;
				int stillOpen = clients.stillOpen();
				if (clients.failed() > 0 || loaded == null) {
					System.out.println("  server stderr (tail):\n    " + server.stderrTail());
				}
				return new IdleRun(kind, jdk, round, options.connections(), clients.served(), stillOpen,
						clients.failureSummary(), openMillis, baseline, loaded);
			}
		}
	}

	private static String jdkVersion(Path jcmd) throws IOException {
		@Nullable Path home = jcmd.toAbsolutePath().getParent();
		home = (home != null) ? home.getParent() : null;
		if (home == null || !Files.isRegularFile(home.resolve("release"))) {
			return "?";
		}
		return Files.readAllLines(home.resolve("release"), StandardCharsets.UTF_8)
			.stream()
			.filter((line) -> line.startsWith("JAVA_VERSION="))
			.map((line) -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
			.findFirst()
			.orElse("?");
	}

	private static String procLine(String file, String prefix) throws IOException {
		return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)
			.stream()
			.filter((line) -> line.startsWith(prefix))
			.map((line) -> line.replaceAll("\\s+", " ").trim())
			.findFirst()
			.orElse(prefix + " ?");
	}

}
