package io.github.ipcboot.process;

import java.io.IOException;
import java.util.Map;

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
		if (!spec.inheritEnvironment() || !spec.environment().isEmpty() || !spec.removedEnvironment().isEmpty()) {
			Map<String, String> environment = builder.environment();
			if (!spec.inheritEnvironment()) {
				environment.clear();
			}
			spec.removedEnvironment().forEach(environment::remove);
			environment.putAll(spec.environment());
		}
		builder.redirectErrorStream(spec.mergeStderr());
		if (spec.stdin().kind() == ProcessInput.Kind.FILE && spec.stdin().file() != null) {
			builder.redirectInput(spec.stdin().file().toFile());
		}
		return builder.start();
	}

}
