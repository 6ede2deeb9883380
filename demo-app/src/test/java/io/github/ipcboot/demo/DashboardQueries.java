package io.github.ipcboot.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The queries of a Grafana dashboard JSON, with its template variables replaced by values, as
 * Grafana would send them to Prometheus.
 */
final class DashboardQueries {

	private static final Pattern LABEL_VALUES_OF_METRIC = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");

	private final JsonNode dashboard;

	private final Map<String, String> variables;

	private DashboardQueries(JsonNode dashboard, Map<String, String> variables) {
		this.dashboard = dashboard;
		this.variables = variables;
	}

	/**
	 * Reads a dashboard.
	 * @param variables the value of each variable, by name without {@code $}
	 */
	static DashboardQueries read(Path file, Map<String, String> variables) throws IOException {
		return new DashboardQueries(JsonMapper.builder().build().readTree(Files.readString(file)), variables);
	}

	/**
	 * Returns every {@code expr} anywhere in the dashboard (panels, rows, nested panels),
	 * substituted.
	 */
	List<String> exprs() {
		List<String> exprs = new ArrayList<>();
		collect(this.dashboard, exprs);
		return exprs.stream().map(this::substitute).toList();
	}

	/**
	 * Returns the template variables whose query is {@code label_values(metric, label)}, as
	 * the PromQL query that has one series per value, substituted.
	 */
	Map<String, String> variableQueries() {
		Map<String, String> queries = new LinkedHashMap<>();
		for (JsonNode variable : this.dashboard.path("templating").path("list").values()) {
			Matcher matcher = LABEL_VALUES_OF_METRIC.matcher(variable.path("definition").asString(""));
			if (matcher.matches()) {
				queries.put(variable.path("name").asString(),
						substitute("count by (" + matcher.group(2) + ") (" + matcher.group(1) + ")"));
			}
		}
		return queries;
	}

	/**
	 * Returns the names of the template variables.
	 */
	List<String> variableNames() {
		return this.dashboard.path("templating").path("list").values().stream()
			.map((variable) -> variable.path("name").asString())
			.toList();
	}

	private static void collect(JsonNode node, List<String> exprs) {
		if (node.isObject()) {
			node.properties().forEach((entry) -> {
				if (entry.getKey().equals("expr") && entry.getValue().isString()) {
					exprs.add(entry.getValue().asString());
				}
				else {
					collect(entry.getValue(), exprs);
				}
			});
		}
		else if (node.isArray()) {
			node.values().forEach((child) -> collect(child, exprs));
		}
	}

	private String substitute(String expr) {
		String result = expr;
		// longest names first, so that no name is replaced inside a longer one
		List<String> names = this.variables.keySet()
			.stream()
			.sorted(Comparator.comparingInt(String::length).reversed())
			.toList();
		for (String name : names) {
			result = result.replace("${" + name + "}", this.variables.get(name))
				.replace("$" + name, this.variables.get(name));
		}
		if (result.contains("$")) {
			throw new IllegalStateException("Query has a variable without a value: " + expr);
		}
		return result;
	}

}
