package io.github.ipcboot.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Collects the rows of one run and prints them as a Markdown table, each row's throughput also as
 * a ratio to Netty's in the same scenario of the same run.
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
		table.append("| server | scenario | msgs/s | p50 µs | p99 µs | errors | vs Netty |\n");
		table.append("| --- | --- | ---: | ---: | ---: | --- | ---: |\n");
		for (Row row : this.rows) {
			ScenarioResult result = row.result();
			if (result == null) {
				table.append(String.format("| %s | %s | – | – | – | failed: %s | – |%n", row.server(),
						row.scenario().label(), row.failure()));
				continue;
			}
			table.append(String.format("| %s | %s | %,.0f | %s | %s | %s | %s |%n", row.server(),
					row.scenario().label(), result.messagesPerSecond(), micros(result.p50Nanos()),
					micros(result.p99Nanos()), result.describeErrors(), ratio(row)));
		}
		return table.toString();
	}

	private String ratio(Row row) {
		ScenarioResult netty = this.rows.stream()
			.filter((other) -> other.server().equals(ServerKind.NETTY.label()) && other.scenario().equals(row.scenario()))
			.map(Row::result)
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
		if (netty == null || netty.messagesPerSecond() == 0 || row.result() == null) {
			return "–";
		}
		return String.format("%.2f", row.result().messagesPerSecond() / netty.messagesPerSecond());
	}

	private static String micros(long nanos) {
		return (nanos < 10_000) ? String.format("%.1f", nanos / 1000.0) : String.format("%,d", Math.round(nanos / 1000.0));
	}

	private record Row(String server, Scenario scenario, @Nullable ScenarioResult result, @Nullable String failure) {
	}

}
