package io.github.ipcboot.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Starts a Python echo server script (shipped in the benchmark jar, from {@code src/main/python})
 * with the configured python3. The script is copied to a temporary file that is deleted when the
 * runner exits.
 */
final class PythonServerLauncher implements ServerLauncher {

	private final String resource;

	private @Nullable Path script;

	/**
	 * Create a launcher for one script.
	 * @param resource the script's class path resource, e.g. {@code /python/asyncio_echo.py}
	 */
	PythonServerLauncher(String resource) {
		this.resource = resource;
	}

	@Override
	public @Nullable String unavailableReason(LoadOptions options) {
		try {
			Process process = new ProcessBuilder(options.python(), "--version").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return "'" + options.python() + " --version' did not answer in 10 s";
			}
			return (process.exitValue() != 0)
					? "'" + options.python() + " --version' exited with " + process.exitValue() : null;
		}
		catch (IOException ex) {
			return "'" + options.python() + "' cannot be run (" + ex.getMessage() + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted while looking for " + options.python();
		}
	}

	@Override
	public synchronized List<String> command(ServerKind kind, LoadOptions options) throws IOException {
		if (this.script == null) {
			Path file = Files.createTempFile("python_echo", ".py");
			file.toFile().deleteOnExit();
			try (InputStream in = PythonServerLauncher.class.getResourceAsStream(this.resource)) {
				if (in == null) {
					throw new IOException(this.resource + " is not on the class path; build the benchmark jar");
				}
				Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
			}
			this.script = file;
		}
		return List.of(options.python(), this.script.toString(), "0", EchoServerMain.WATCH_STDIN);
	}

}
