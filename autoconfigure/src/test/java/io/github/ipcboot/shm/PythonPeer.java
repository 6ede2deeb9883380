package io.github.ipcboot.shm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference Python peer ({@code tools/ipcshm.py}) in a child process, with its output lines
 * (stdout and stderr) collected; closing it stops it (SIGTERM, then SIGKILL after a bound).
 */
final class PythonPeer implements AutoCloseable {

	/** The peer, relative to the module directory that the tests run in. */
	static final Path SCRIPT = Path.of("..", "tools", "ipcshm.py");

	private static final long WAIT_SECONDS = 30;

	private final Process process;

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private PythonPeer(Process process) {
		this.process = process;
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					this.lines.add(line);
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "python-peer-output");
		reader.setDaemon(true);
		reader.start();
	}

	static boolean isAvailable() {
		try {
			Process probe = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
			return probe.waitFor(WAIT_SECONDS, TimeUnit.SECONDS) && probe.exitValue() == 0 && Files.exists(SCRIPT);
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	static PythonPeer start(String mode, Path file, String... words) throws IOException {
		List<String> command = new ArrayList<>(List.of("python3", "-u", SCRIPT.toString(), mode, file.toString()));
		command.addAll(List.of(words));
		return new PythonPeer(new ProcessBuilder(command).redirectErrorStream(true).start());
	}

	/**
	 * Return the next output line, waiting up to a bound.
	 * @return the line
	 */
	String nextLine() throws InterruptedException {
		String line = this.lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
		assertThat(line).as("a line from the Python peer within %d s", WAIT_SECONDS).isNotNull();
		return line;
	}

	long pid() {
		return this.process.pid();
	}

	int waitForExit() throws InterruptedException {
		assertThat(this.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("Python peer exited").isTrue();
		return this.process.exitValue();
	}

	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		waitForExit();
	}

	/**
	 * Stop it: SIGTERM, which the peer answers with a clean close, then SIGKILL after a bound.
	 */
	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
			}
		}
	}

}
