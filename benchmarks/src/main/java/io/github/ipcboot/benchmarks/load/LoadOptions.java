package io.github.ipcboot.benchmarks.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Options of the load benchmark, each from an argument {@code --key=value} or else a system
 * property {@code -Dload.key=value}:
 * <ul>
 * <li>{@code servers}: comma-separated {@link ServerKind} ids, default all;</li>
 * <li>{@code scenarios}: comma-separated {@code rr1,rr16,pipelined}, default all three;</li>
 * <li>{@code warmup} and {@code measure}: durations per scenario such as {@code 3s} or
 * {@code 500ms} (a bare number is seconds), default 3 s and 5 s;</li>
 * <li>{@code server-java}: the {@code java} that runs JVM servers, default the runner's own;</li>
 * <li>{@code server-jvm-args}: space-separated JVM options for JVM servers, default
 * {@code -Xms512m -Xmx512m};</li>
 * <li>{@code python}: the Python interpreter, default {@code python3};</li>
 * <li>{@code port}: instead of starting servers, load an echo server already listening on this
 * port of 127.0.0.1.</li>
 * </ul>
 *
 * @param servers the servers to start, in order
 * @param scenarios the scenarios to run against each
 * @param warmUp the warm-up phase of each scenario
 * @param measure the measurement phase of each scenario
 * @param java the {@code java} executable for JVM servers
 * @param serverJvmArgs JVM options for JVM servers
 * @param python the Python interpreter
 * @param port the port of an external server, or {@code null} to start the servers
 */
public record LoadOptions(List<ServerKind> servers, List<Scenario> scenarios, Duration warmUp, Duration measure,
		String java, List<String> serverJvmArgs, String python, @Nullable Integer port) {

	/**
	 * Read the options from the arguments and system properties.
	 * @param args arguments of the form {@code --key=value}
	 * @return the options
	 * @throws IllegalArgumentException for an unknown key or a bad value
	 */
	public static LoadOptions parse(String[] args) {
		Map<String, String> values = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("Expected --key=value but got '" + arg + "'");
			}
			values.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		List<String> known = List.of("servers", "scenarios", "warmup", "measure", "server-java", "server-jvm-args",
				"python", "port");
		for (String key : values.keySet()) {
			if (!known.contains(key)) {
				throw new IllegalArgumentException("Unknown option --" + key + "; known: " + known);
			}
		}
		String servers = value(values, "servers", "");
		String scenarios = value(values, "scenarios", "rr1,rr16,pipelined");
		String port = value(values, "port", "");
		return new LoadOptions(
				servers.isBlank() ? List.of(ServerKind.values()) : split(servers).stream().map(ServerKind::of).toList(),
				split(scenarios).stream().map(LoadOptions::scenario).toList(),
				duration(value(values, "warmup", "3s")), duration(value(values, "measure", "5s")),
				value(values, "server-java", Path.of(System.getProperty("java.home"), "bin", "java").toString()),
				split(value(values, "server-jvm-args", "-Xms512m -Xmx512m").replace(' ', ',')),
				value(values, "python", "python3"), port.isBlank() ? null : Integer.valueOf(port));
	}

	private static String value(Map<String, String> values, String key, String defaultValue) {
		String value = values.get(key);
		return (value != null) ? value : System.getProperty("load." + key, defaultValue);
	}

	private static List<String> split(String value) {
		return Arrays.stream(value.split(",")).map(String::trim).filter((part) -> !part.isEmpty()).toList();
	}

	private static Scenario scenario(String id) {
		return Scenario.standard()
			.stream()
			.filter((scenario) -> scenario.id().equalsIgnoreCase(id))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown scenario '" + id + "'; known: "
					+ Scenario.standard().stream().map(Scenario::id).toList()));
	}

	static Duration duration(String value) {
		String text = value.trim().toLowerCase(Locale.ROOT);
		if (text.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
		}
		if (text.endsWith("s")) {
			text = text.substring(0, text.length() - 1);
		}
		return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
	}

}
