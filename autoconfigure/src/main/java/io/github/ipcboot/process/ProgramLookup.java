package io.github.ipcboot.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Looks a program up the way {@code execvp} will (a name with a slash as a path, relative to the
 * working directory of the run; a bare name on the application's {@code PATH}) and fails with the
 * JDK's message when it is missing or not executable. A launcher that starts the program through
 * another one ({@code setsid}) would otherwise see the failure only as an exit code.
 */
final class ProgramLookup {

	private static final String NOT_FOUND = "error=2, No such file or directory";

	private static final String NOT_EXECUTABLE = "error=13, Permission denied";

	private ProgramLookup() {
	}

	static void check(String program, @Nullable Path directory) throws IOException {
		if (program.indexOf('/') >= 0) {
			Path path = Path.of(program);
			if (!path.isAbsolute() && directory != null) {
				path = directory.resolve(path);
			}
			String error = problem(path);
			if (error != null) {
				throw failure(program, directory, error);
			}
			return;
		}
		String error = NOT_FOUND;
		String searchPath = System.getenv("PATH");
		for (String entry : (searchPath != null) ? searchPath.split(File.pathSeparator) : new String[0]) {
			String problem = problem(Path.of(entry.isEmpty() ? "." : entry).resolve(program));
			if (problem == null) {
				return;
			}
			if (problem == NOT_EXECUTABLE) {
				error = NOT_EXECUTABLE;
			}
		}
		throw failure(program, directory, error);
	}

	private static @Nullable String problem(Path path) {
		if (!Files.exists(path)) {
			return NOT_FOUND;
		}
		return (Files.isDirectory(path) || !Files.isExecutable(path)) ? NOT_EXECUTABLE : null;
	}

	private static IOException failure(String program, @Nullable Path directory, String error) {
		return new IOException(message(program, directory, error));
	}

	/**
	 * Returns the JDK's message for a program that could not be run, such as
	 * {@code Cannot run program "x": error=2, No such file or directory}.
	 * @param error the reason: {@code error=N, text}, or the C library's text alone (the two
	 * commonest texts get their numbers)
	 */
	static String message(String program, @Nullable Path directory, String error) {
		String where = (directory != null) ? " (in directory \"" + directory + "\")" : "";
		String reason = NOT_FOUND.endsWith(", " + error) ? NOT_FOUND
				: NOT_EXECUTABLE.endsWith(", " + error) ? NOT_EXECUTABLE : error;
		return "Cannot run program \"" + program + "\"" + where + ": " + reason;
	}

}
