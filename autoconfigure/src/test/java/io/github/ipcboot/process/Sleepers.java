package io.github.ipcboot.process;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code sleep} processes a test can find again wherever they went: each is started with a
 * duration no other process uses ({@code 1000.<random digits>}) and found by its command line in
 * {@code /proc}. {@link #killAll()} cleans up after a failed test.
 */
public final class Sleepers {

	private final String duration = "1000." + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);

	/**
	 * Returns the duration to start {@code sleep} with.
	 * @return the unique argument of the sleepers
	 */
	public String duration() {
		return this.duration;
	}

	/**
	 * Returns the shell command that starts a sleeper.
	 * @return {@code sleep <duration>}
	 */
	public String command() {
		return "sleep " + this.duration;
	}

	/**
	 * Returns the live sleepers (zombies left out).
	 * @return the sleepers still running
	 */
	public List<ProcessHandle> running() {
		return ProcessHandle.allProcesses()
			.filter(this::isSleeper)
			.filter(ProcessLiveness::isRunning)
			.toList();
	}

	private boolean isSleeper(ProcessHandle process) {
		try {
			String commandLine = Files.readString(Path.of("/proc/" + process.pid() + "/cmdline"),
					StandardCharsets.ISO_8859_1);
			return commandLine.endsWith("sleep\0" + this.duration + "\0");
		}
		catch (Exception ex) {
			return false;
		}
	}

	/**
	 * Kills every sleeper still running.
	 */
	public void killAll() {
		running().forEach(ProcessHandle::destroyForcibly);
	}

}
