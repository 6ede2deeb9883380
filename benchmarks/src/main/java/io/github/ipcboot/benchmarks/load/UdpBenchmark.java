package io.github.ipcboot.benchmarks.load;

import java.util.ArrayList;
import java.util.List;

import io.github.ipcboot.benchmarks.load.UdpLoadClient.UdpResult;
import org.jspecify.annotations.Nullable;

/**
 * The UDP datagram echo benchmark: starts each UDP echo server ({@link ServerKind#datagram()}) in a
 * child process of its own, loads it with the {@link UdpLoadClient} (a warm-up phase, then a
 * measured phase), stops it, and prints one Markdown table with msgs/s, loss and each row's ratio
 * to Netty and to asyncio in the same run.
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.ipcboot.benchmarks.load.UdpBenchmark \
 *     [--servers=udp-netty,udp-asyncio,udp-starter] [--senders=4] [--window=32] [--warmup=3s] [--measure=5s]
 * </pre>
 * Options are described in {@link UdpOptions}.
 */
public final class UdpBenchmark {

	private UdpBenchmark() {
	}

	/**
	 * Run the benchmark.
	 * @param args options of the form {@code --key=value}, see {@link UdpOptions}
	 * @throws InterruptedException if interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		UdpOptions options;
		try {
			options = UdpOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		System.out.printf(
				"UDP datagram echo benchmark: %d cores, client JDK %s, %d senders x window %d, %d-byte datagrams, "
						+ "warm-up %d ms + measure %d ms%n",
				Runtime.getRuntime().availableProcessors(), Runtime.version(), options.senders(), options.window(),
				UdpLoadClient.PAYLOAD, options.launch().warmUp().toMillis(), options.launch().measure().toMillis());
		List<Row> rows = new ArrayList<>();
		for (ServerKind kind : options.launch().servers()) {
			rows.add(runServer(kind, options));
		}
		System.out.println();
		System.out.print(toMarkdown(rows, options));
	}

	private static Row runServer(ServerKind kind, UdpOptions options) throws InterruptedException {
		String unavailable = kind.launcher().unavailableReason(options.launch());
		if (unavailable != null) {
			System.out.printf("Skipping %s: %s%n", kind.id(), unavailable);
			return new Row(kind, null, "skipped: " + unavailable);
		}
		try (ServerProcess server = ServerProcess.start(kind, options.launch())) {
			System.out.printf("%s listening on port %d%n", kind.id(), server.port());
			UdpResult result = UdpLoadClient.run(server.port(), options);
			System.out.printf("  %,12.0f msgs/s  sent %,d  received %,d  loss %.2f %%%n", result.messagesPerSecond(),
					result.sent(), result.received(), result.lossPercent());
			return new Row(kind, result, null);
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException interrupted) {
				throw interrupted;
			}
			System.out.printf("%s failed: %s%n", kind.id(), ex.getMessage());
			return new Row(kind, null, "failed: " + String.valueOf(ex.getMessage()).lines().findFirst().orElse(""));
		}
	}

	static String toMarkdown(List<Row> rows, UdpOptions options) {
		StringBuilder table = new StringBuilder();
		table.append("| server | senders x window | msgs/s | loss % | vs Netty | vs asyncio |\n");
		table.append("| --- | --- | ---: | ---: | ---: | ---: |\n");
		String load = options.senders() + " x " + options.window();
		for (Row row : rows) {
			UdpResult result = row.result();
			if (result == null) {
				table.append(String.format("| %s | %s | – | – | %s | – |%n", row.kind().label(), load, row.failure()));
				continue;
			}
			table.append(String.format("| %s | %s | %,.0f | %.2f | %s | %s |%n", row.kind().label(), load,
					result.messagesPerSecond(), result.lossPercent(), ratio(result, rows, ServerKind.UDP_NETTY),
					ratio(result, rows, ServerKind.UDP_ASYNCIO)));
		}
		return table.toString();
	}

	private static String ratio(UdpResult result, List<Row> rows, ServerKind peer) {
		return rows.stream()
			.filter((row) -> row.kind() == peer && row.result() != null)
			.map((row) -> result.messagesPerSecond() / row.result().messagesPerSecond())
			.filter(Double::isFinite)
			.map((ratio) -> String.format("%.2f", ratio))
			.findFirst()
			.orElse("–");
	}

	record Row(ServerKind kind, @Nullable UdpResult result, @Nullable String failure) {
	}

}
