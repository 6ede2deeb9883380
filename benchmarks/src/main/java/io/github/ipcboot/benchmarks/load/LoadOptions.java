package io.github.ipcboot.benchmarks.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Options of the load benchmark, each from an argument {@code --key=value} or else a system
 * property {@code -Dload.key=value}:
 * <ul>
 * <li>{@code servers}: comma-separated {@link ServerKind} ids, default all TCP ones;</li>
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
		OptionArguments values = OptionArguments.parse(args,
				List.of("servers", "scenarios", "warmup", "measure", "server-java", "server-jvm-args", "python", "port"),
				"load");
		List<String> ids = values.list("servers", "");
		String port = values.value("port", "");
		List<ServerKind> servers = ids.isEmpty() ? ServerKind.of(false) : ids.stream().map(ServerKind::of).toList();
		servers.stream().filter(ServerKind::datagram).findFirst().ifPresent((kind) -> {
			throw new IllegalArgumentException(kind.id() + " is a UDP server: run it with UdpBenchmark");
		});
		return new LoadOptions(servers,
				values.list("scenarios", "rr1,rr16,pipelined").stream().map(LoadOptions::scenario).toList(),
				duration(values.value("warmup", "3s")), duration(values.value("measure", "5s")),
				values.value("server-java", Path.of(System.getProperty("java.home"), "bin", "java").toString()),
				values.words("server-jvm-args", "-Xms512m -Xmx512m"), values.value("python", "python3"),
				port.isBlank() ? null : Integer.valueOf(port));
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
