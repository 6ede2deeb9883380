package io.github.ipcboot.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;

/**
 * Collects the rows of one run and prints them as a Markdown table, each row's throughput also as
 * a ratio to Netty's and to the hand-written blocking server's in the same scenario of the same
 * run, and its messages per server CPU-second as a ratio to Netty's.
 */
final class ResultTable {

	private final List<Row> rows = new ArrayList<>();

	void add(String server, Scenario scenario, ScenarioResult result) {
		this.rows.add(new Row(server, scenario, result, null));
	}

	void addFailure(String server, Scenario scenario, String reason) {
		this.rows.add(new Row(server, scenario, null, reason));
	}

	String toMarkdown() {
		StringBuilder table = new StringBuilder();
		table.append("| server | scenario | msgs/s | msgs per server CPU-s | p50 µs | p99 µs | errors "
				+ "| vs Netty | vs blocking | per CPU vs Netty |\n");
		table.append("| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |\n");
		for (Row row : this.rows) {
			ScenarioResult result = row.result();
			if (result == null) {
				table.append(String.format("| %s | %s | – | – | – | – | failed: %s | – | – | – |%n", row.server(),
						row.scenario().label(), row.failure()));
				continue;
			}
			table.append(String.format("| %s | %s | %,.0f | %s | %s | %s | %s | %s | %s | %s |%n", row.server(),
					row.scenario().label(), result.messagesPerSecond(), whole(result.messagesPerCpuSecond()),
					micros(result.p50Nanos()), micros(result.p99Nanos()), result.describeErrors(),
					ratio(row, ServerKind.NETTY, ScenarioResult::messagesPerSecond),
					ratio(row, ServerKind.BLOCKING, ScenarioResult::messagesPerSecond),
					ratio(row, ServerKind.NETTY, ScenarioResult::messagesPerCpuSecond)));
		}
		return table.toString();
	}

	private String ratio(Row row, ServerKind peer, ToDoubleFunction<ScenarioResult> figure) {
		ScenarioResult reference = this.rows.stream()
			.filter((other) -> other.server().equals(peer.label()) && other.scenario().equals(row.scenario()))
			.map(Row::result)
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
		ScenarioResult result = row.result();
		if (reference == null || result == null) {
			return "–";
		}
		double ratio = figure.applyAsDouble(result) / figure.applyAsDouble(reference);
		return Double.isFinite(ratio) ? String.format("%.2f", ratio) : "–";
	}

	private static String whole(double value) {
		return Double.isFinite(value) ? String.format("%,.0f", value) : "–";
	}

	private static String micros(long nanos) {
		return (nanos < 10_000) ? String.format("%.1f", nanos / 1000.0) : String.format("%,d", Math.round(nanos / 1000.0));
	}

	private record Row(String server, Scenario scenario, @Nullable ScenarioResult result, @Nullable String failure) {
	}

}
