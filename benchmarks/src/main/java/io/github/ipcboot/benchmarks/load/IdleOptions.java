package io.github.ipcboot.benchmarks.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Options of {@link IdleConnectionsBenchmark}, each from an argument {@code --key=value} or else a
 * system property {@code -Didle.key=value}:
 * <ul>
 * <li>{@code servers}: comma-separated {@link ServerKind} ids, default
 * {@code starter-nio,starter-virtual,starter};</li>
 * <li>{@code connections}: idle connections to open, default 10000;</li>
 * <li>{@code rounds}: how many times each server is measured, each in a fresh JVM, default 2;</li>
 * <li>{@code idle}: how long the connections stay idle before the server is measured, default
 * {@code 10s};</li>
 * <li>{@code window}: most connections being opened and checked at once, default 64 (below the
 * server's listen backlog of 128, so that no SYN is dropped);</li>
 * <li>{@code server-java}: the {@code java} that runs the servers, default the runner's own;
 * {@code jcmd} is taken from the same directory;</li>
 * <li>{@code server-jvm-args}: space-separated JVM options of the servers, default
 * {@code -Xms64m -Xmx512m} (a small initial heap, so that the full GC before each measurement can
 * give back what start-up touched).</li>
 * </ul>
 *
 * @param servers the servers to measure, in order
 * @param connections the idle connections to open to each
 * @param rounds the rounds, each server once per round
 * @param idle how long to stay idle before measuring
 * @param window most connections in progress at once
 * @param java the {@code java} executable of the servers
 * @param serverJvmArgs JVM options of the servers
 */
public record IdleOptions(List<ServerKind> servers, int connections, int rounds, Duration idle, int window,
		String java, List<String> serverJvmArgs) {

	/**
	 * Read the options from the arguments and system properties.
	 * @param args arguments of the form {@code --key=value}
	 * @return the options
	 * @throws IllegalArgumentException for an unknown key or a bad value
	 */
	public static IdleOptions parse(String[] args) {
		OptionArguments values = OptionArguments.parse(args,
				List.of("servers", "connections", "rounds", "idle", "window", "server-java", "server-jvm-args"), "idle");
		return new IdleOptions(
				values.list("servers", "starter-nio,starter-virtual,starter").stream().map(ServerKind::of).toList(),
				Integer.parseInt(values.value("connections", "10000")), Integer.parseInt(values.value("rounds", "2")),
				LoadOptions.duration(values.value("idle", "10s")), Integer.parseInt(values.value("window", "64")),
				values.value("server-java", Path.of(System.getProperty("java.home"), "bin", "java").toString()),
				values.words("server-jvm-args", "-Xms64m -Xmx512m"));
	}

	/**
	 * Return the {@code jcmd} next to the servers' {@code java}.
	 * @return the path of {@code jcmd}
	 */
	public Path jcmd() {
		Path java = Path.of(this.java);
		Path directory = java.getParent();
		return (directory != null) ? directory.resolve("jcmd") : Path.of("jcmd");
	}

	/**
	 * Return the options {@link ServerProcess} starts a server with.
	 * @return load options naming this JVM and its arguments
	 */
	LoadOptions launchOptions() {
		return new LoadOptions(this.servers, List.of(), Duration.ZERO, Duration.ZERO, this.java, this.serverJvmArgs,
				"python3", null);
	}

}
