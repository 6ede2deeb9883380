package io.github.ipcboot.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one JVM echo server until it is told to stop:
 * {@code java -cp benchmarks.jar io.github.ipcboot.benchmarks.load.EchoServerMain <kind> [port] [--watch-stdin]}.
 * Prints {@code PORT <n>} once the server listens on 127.0.0.1 (port 0, the default, binds an
 * ephemeral port). Stops on SIGTERM or Ctrl-C, and with {@code --watch-stdin} also when standard
 * input reaches end of file, so that the server does not outlive a runner that was killed.
 */
public final class EchoServerMain {

	/** The argument that makes the server exit at end of file on standard input. */
	public static final String WATCH_STDIN = "--watch-stdin";

	private EchoServerMain() {
	}

	/**
	 * Start the server named by the first argument.
	 * @param args the {@link ServerKind} id, then optionally the port and {@value #WATCH_STDIN}
	 * @throws Exception if the server cannot start
	 */
	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.err.println("Usage: EchoServerMain <"
					+ String.join("|",
							Arrays.stream(ServerKind.values()).filter((kind) -> kind.factory() != null).map(ServerKind::id).toList())
					+ "> [port] ["
					+ WATCH_STDIN + "]");
			System.exit(2);
		}
		List<String> rest = List.of(args).subList(1, args.length);
		run(ServerKind.of(args[0]), rest);
	}

	/**
	 * Start a server of the given kind and block until it is stopped; the {@code main} of each
	 * server class delegates here.
	 * @param kind the server
	 * @param args optionally the port and {@value #WATCH_STDIN}
	 * @throws Exception if the server cannot start
	 */
	public static void run(ServerKind kind, List<String> args) throws Exception {
		EchoServer.Factory factory = kind.factory();
		if (factory == null) {
			throw new IllegalArgumentException(kind.id() + " is not a JVM server; LoadBenchmark starts it with "
					+ kind.launcher().getClass().getSimpleName());
		}
		int port = args.stream().filter((arg) -> !arg.startsWith("--")).findFirst().map(Integer::parseInt).orElse(0);
		EchoServer server = factory.start(port);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.close();
			stopped.countDown();
		}, "echo-server-shutdown"));
		System.out.println("PORT " + server.port());
		System.out.flush();
		if (args.contains(WATCH_STDIN)) {
			drain(System.in);
			System.exit(0);
		}
		stopped.await();
	}

	private static void drain(InputStream in) {
		byte[] buffer = new byte[256];
		try {
			while (in.read(buffer) >= 0) {
				// the runner writes nothing; end of file means it has gone
			}
		}
		catch (IOException ex) {
			// the pipe broke: the runner has gone as well
		}
	}

}
