package io.github.ipcboot.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Where a {@linkplain ServerKind#unix() Unix domain socket server} listens: the runner chooses a
 * path in a directory of its own under /tmp (short: socket paths hold at most 107 bytes) and hands
 * it to the child in the {@value #ENVIRONMENT} environment variable; the child prints
 * {@code PORT 0} once it listens there.
 */
final class UnixSocketPath {

	/** The environment variable that holds the socket path of a Unix domain socket server. */
	static final String ENVIRONMENT = "ECHO_UNIX_SOCKET";

	private UnixSocketPath() {
	}

	/**
	 * Return a fresh path for the server (its directory created, no file at the path).
	 * @param kind the server
	 * @return the path
	 * @throws IOException if the directory cannot be created or an old file deleted
	 */
	static Path forServer(ServerKind kind) throws IOException {
		Path directory = Path.of("/tmp", "ipcboot-bench-" + ProcessHandle.current().pid());
		Files.createDirectories(directory);
		directory.toFile().deleteOnExit();
		Path path = directory.resolve(kind.id() + ".sock");
		Files.deleteIfExists(path);
		return path;
	}

	/**
	 * Return the path this server process was given.
	 * @return the path
	 * @throws IllegalStateException if the runner gave none
	 */
	static String fromEnvironment() {
		@Nullable String path = System.getenv(ENVIRONMENT);
		if (path == null || path.isBlank()) {
			throw new IllegalStateException(ENVIRONMENT + " is not set: a Unix domain socket server needs its path");
		}
		return path;
	}

}
