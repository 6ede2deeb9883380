package io.github.ipcboot.benchmarks.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Options of the UDP benchmark, each from an argument {@code --key=value} or else a system
 * property {@code -Dudp.key=value}:
 * <ul>
 * <li>{@code servers}: comma-separated {@link ServerKind} ids of UDP servers, default all three
 * ({@code udp-netty,udp-asyncio,udp-starter});</li>
 * <li>{@code senders}: sender threads, each with its own {@code DatagramChannel}, default 4;</li>
 * <li>{@code window}: datagrams each sender keeps in flight, default 32;</li>
 * <li>{@code warmup}, {@code measure}, {@code server-java}, {@code server-jvm-args} and
 * {@code python}: as for the TCP load benchmark ({@link LoadOptions}).</li>
 * </ul>
 *
 * @param launch the servers and the options that start them and time each run
 * @param senders the number of sender threads
 * @param window the datagrams each sender keeps in flight
 */
public record UdpOptions(LoadOptions launch, int senders, int window) {

	/**
	 * Read the options from the arguments and system properties.
	 * @param args arguments of the form {@code --key=value}
	 * @return the options
	 * @throws IllegalArgumentException for an unknown key, a TCP server or a bad value
	 */
	public static UdpOptions parse(String[] args) {
		OptionArguments values = OptionArguments.parse(args, List.of("servers", "senders", "window", "warmup",
				"measure", "server-java", "server-jvm-args", "python"), "udp");
		List<String> ids = values.list("servers", "");
		List<ServerKind> servers = ids.isEmpty() ? ServerKind.of(true) : ids.stream().map(ServerKind::of).toList();
		servers.stream().filter((kind) -> !kind.datagram()).findFirst().ifPresent((kind) -> {
			throw new IllegalArgumentException(kind.id() + " is not a UDP server; known: "
					+ ServerKind.of(true).stream().map(ServerKind::id).toList());
		});
		int senders = positive(values.value("senders", "4"), "senders");
		int window = positive(values.value("window", "32"), "window");
		Duration warmUp = LoadOptions.duration(values.value("warmup", "3s"));
		Duration measure = LoadOptions.duration(values.value("measure", "5s"));
		LoadOptions launch = new LoadOptions(servers, List.of(), warmUp, measure,
				values.value("server-java", Path.of(System.getProperty("java.home"), "bin", "java").toString()),
				values.words("server-jvm-args", "-Xms512m -Xmx512m"), values.value("python", "python3"), null);
		return new UdpOptions(launch, senders, window);
	}

	private static int positive(String value, String key) {
		int number = Integer.parseInt(value.trim());
		if (number < 1) {
			throw new IllegalArgumentException(key + " must be at least 1, was " + number);
		}
		return number;
	}

}
