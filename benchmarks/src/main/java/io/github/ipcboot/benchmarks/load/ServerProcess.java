package io.github.ipcboot.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * An echo server in a child process, started by its {@link ServerLauncher}. The port is read from
 * the child's {@code PORT <n>} line; its standard error goes to a temporary log file that is shown
 * when the server fails to start and deleted afterwards. {@link #close()} stops the child (SIGTERM,
 * then SIGKILL after 5 s); a shutdown hook does the same for children still running when the
 * runner exits, and each child also exits when the runner's end of its standard input closes.
 */
final class ServerProcess implements AutoCloseable {

	private static final long START_TIMEOUT_SECONDS = 60;

	private static final long STOP_TIMEOUT_SECONDS = 5;

	private static final Set<Process> running = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> running.forEach(ServerProcess::kill), "load-benchmark-children"));
	}

	private final Process process;

	private final Path log;

	private final int port;

	private final @Nullable Path unixSocket;

	private ServerProcess(Process process, Path log, int port, @Nullable Path unixSocket) {
		this.process = process;
		this.log = log;
		this.port = port;
		this.unixSocket = unixSocket;
	}

	/**
	 * Start the server and wait until it reports its port.
	 */
	static ServerProcess start(ServerKind kind, LoadOptions options) throws IOException, InterruptedException {
		List<String> command = kind.launcher().command(kind, options);
		Path log = Files.createTempFile("load-" + kind.id(), ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
		Path unixSocket = kind.unix() ? UnixSocketPath.forServer(kind) : null;
		if (unixSocket != null) {
			builder.environment().put(UnixSocketPath.ENVIRONMENT, unixSocket.toString());
		}
		Process process = builder.start();
		running.add(process);
		boolean started = false;
		try {
			int port = awaitPort(process);
			started = true;
			return new ServerProcess(process, log, port, unixSocket);
		}
		catch (ExecutionException | TimeoutException ex) {
			Throwable cause = (ex instanceof ExecutionException) ? ex.getCause() : ex;
			throw new IOException(kind.id() + " did not report a port: " + cause.getMessage() + "\n  command: "
					+ String.join(" ", command) + "\n  stderr: " + tail(log), cause);
		}
		finally {
			if (!started) {
				stop(process);
				Files.deleteIfExists(log);
			}
		}
	}

	private static int awaitPort(Process process)
			throws InterruptedException, ExecutionException, TimeoutException {
		CompletableFuture<Integer> port = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (!port.isDone() && line.startsWith("PORT ")) {
						port.complete(Integer.parseInt(line.substring(5).trim()));
					}
				}
			}
			catch (IOException | NumberFormatException ex) {
				port.completeExceptionally(ex);
			}
		}, "load-server-stdout");
		reader.setDaemon(true);
		reader.start();
		process.onExit()
			.thenRun(() -> port.completeExceptionally(
					new IOException("the server process exited with " + process.exitValue())));
		return port.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
	}

	int port() {
		return this.port;
	}

	/**
	 * Return where the server listens: its Unix domain socket, or its port of 127.0.0.1.
	 */
	SocketAddress address() {
		Path socket = this.unixSocket;
		return (socket != null) ? UnixDomainSocketAddress.of(socket) : new InetSocketAddress("127.0.0.1", this.port);
	}

	/**
	 * Describe where the server listens, for the runner's log.
	 */
	String where() {
		return (this.unixSocket != null) ? "Unix domain socket " + this.unixSocket : "port " + this.port;
	}

	/**
	 * Return the child's process id, e.g. to read {@code /proc/<pid>/status} or attach {@code jcmd}.
	 */
	long pid() {
		return this.process.pid();
	}

	/**
	 * Return whether the child is still running.
	 */
	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Return the last lines the child wrote to its standard error, e.g. to show why it failed.
	 */
	String stderrTail() {
		return tail(this.log);
	}

	@Override
	public void close() throws IOException {
		stop(this.process);
		Files.deleteIfExists(this.log);
	}

	private static void stop(Process process) {
		try {
			process.getOutputStream().close();
		}
		catch (IOException ex) {
			// closing stdin only hurries it along
		}
		process.destroy();
		try {
			if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				kill(process);
				process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			kill(process);
			Thread.currentThread().interrupt();
		}
		finally {
			running.remove(process);
		}
	}

	private static void kill(Process process) {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join("\n    ", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

}
