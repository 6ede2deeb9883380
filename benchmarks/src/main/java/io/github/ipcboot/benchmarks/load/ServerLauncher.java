package io.github.ipcboot.benchmarks.load;

import java.io.IOException;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Builds the command line of the child process that runs one kind of echo server. The child must
 * print {@code PORT <n>} on a line of its standard output once it listens, and exit when its
 * standard input reaches end of file or when it gets SIGTERM.
 */
public interface ServerLauncher {

	/** Runs a {@link ServerKind} with a factory in a new JVM through {@link EchoServerMain}. */
	ServerLauncher JVM = new JvmServerLauncher();

	/** Runs the asyncio (streams) echo server with python3. */
	ServerLauncher PYTHON = new PythonServerLauncher("/python/asyncio_echo.py");

	/** Runs the asyncio datagram echo server with python3. */
	ServerLauncher PYTHON_UDP = new PythonServerLauncher("/python/asyncio_udp_echo.py");

	/**
	 * Return why this launcher cannot run here (e.g. no python3), or {@code null} if it can.
	 * @param options the runner's options
	 * @return the reason or {@code null}
	 */
	@Nullable String unavailableReason(LoadOptions options);

	/**
	 * Return the command line that starts the server on an ephemeral port.
	 * @param kind the server to start
	 * @param options the runner's options
	 * @return the command and its arguments
	 * @throws IOException if a file the command needs cannot be prepared
	 */
	List<String> command(ServerKind kind, LoadOptions options) throws IOException;

}
