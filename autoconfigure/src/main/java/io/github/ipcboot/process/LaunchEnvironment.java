package io.github.ipcboot.process;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The environment a launcher gives a program: the application's (unless the spec starts empty),
 * minus the spec's removals, plus its variables and the run's marker.
 */
final class LaunchEnvironment {

	private LaunchEnvironment() {
	}

	/**
	 * Returns whether the program's environment differs from the application's.
	 */
	static boolean changes(ProcessSpec spec, @Nullable String marker) {
		return marker != null || !spec.inheritEnvironment() || !spec.environment().isEmpty()
				|| !spec.removedEnvironment().isEmpty();
	}

	/**
	 * Turns a copy of the application's environment into the program's.
	 * @param environment a mutable copy of the application's environment
	 */
	static void apply(ProcessSpec spec, @Nullable String marker, Map<String, String> environment) {
		if (!spec.inheritEnvironment()) {
			environment.clear();
		}
		spec.removedEnvironment().forEach(environment::remove);
		environment.putAll(spec.environment());
		if (marker != null) {
			int equals = marker.indexOf('=');
			environment.put(marker.substring(0, equals), marker.substring(equals + 1));
		}
	}

}
