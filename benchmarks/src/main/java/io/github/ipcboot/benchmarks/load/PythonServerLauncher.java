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
 * Starts {@code asyncio_echo.py} (shipped in the benchmark jar, from {@code src/main/python}) with
 * the configured python3. The script is copied to a temporary file that is deleted when the runner
 * exits.
 */
final class PythonServerLauncher implements ServerLauncher {

	private static final String SCRIPT = "/python/asyncio_echo.py";

	private @Nullable Path script;

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
			Path file = Files.createTempFile("asyncio_echo", ".py");
			file.toFile().deleteOnExit();
			try (InputStream in = PythonServerLauncher.class.getResourceAsStream(SCRIPT)) {
				if (in == null) {
					throw new IOException(SCRIPT + " is not on the class path; build the benchmark jar");
				}
				Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
			}
			this.script = file;
		}
		return List.of(options.python(), this.script.toString(), "0", EchoServerMain.WATCH_STDIN);
	}

}
