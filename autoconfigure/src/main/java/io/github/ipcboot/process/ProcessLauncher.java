package io.github.ipcboot.process;

import java.io.IOException;

/**
 * Turns a {@link ProcessSpec} into a started {@link Process}; the argument vector goes to the
 * program as it is, never through a shell.
 */
final class ProcessLauncher {

	private ProcessLauncher() {
	}

	static Process launch(ProcessSpec spec) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(spec.command().argv());
		if (spec.directory() != null) {
			builder.directory(spec.directory().toFile());
		}
		// environment() copies the whole environment: only touch it when the spec changes it
		if (spec.changesEnvironment()) {
			spec.applyEnvironment(builder.environment());
		}
		builder.redirectErrorStream(spec.mergeStderr());
		if (spec.stdin().kind() == ProcessInput.Kind.FILE && spec.stdin().file() != null) {
			builder.redirectInput(spec.stdin().file().toFile());
		}
		return builder.start();
	}

}
