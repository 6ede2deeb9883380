package io.github.ipcboot.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Tells whether a process still runs. {@link ProcessHandle#isAlive()} counts zombies as alive; a
 * killed descendant re-parented to an init that does not reap (common in containers) stays a
 * zombie for good, yet it holds no pipe and runs no code, so on Linux the state in
 * {@code /proc/<pid>/stat} decides.
 */
final class ProcessLiveness {

	private static final Path PROC = Path.of("/proc");

	private ProcessLiveness() {
	}

	static boolean isRunning(ProcessHandle process) {
		if (!process.isAlive()) {
			return false;
		}
		try {
			String stat = new String(Files.readAllBytes(PROC.resolve(process.pid() + "/stat")), StandardCharsets.ISO_8859_1);
			// "pid (comm) S ...": comm may hold spaces and parentheses, the state follows the last ')'
			int end = stat.lastIndexOf(')');
			char state = (end > 0 && end + 2 < stat.length()) ? stat.charAt(end + 2) : 'R';
			return state != 'Z' && state != 'X';
		}
		catch (NoSuchFileException ex) {
			return !Files.isDirectory(PROC);
		}
		catch (IOException ex) {
			return true;
		}
	}

}
