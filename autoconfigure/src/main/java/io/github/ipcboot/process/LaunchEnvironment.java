package io.github.ipcboot.process;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The environment a launcher gives a program: the application's as the spec's environment policy
 * makes it ({@link ProcessSpec#applyEnvironment(Map)}), plus the run's marker.
 */
final class LaunchEnvironment {

	private LaunchEnvironment() {
	}

	/**
	 * Returns whether the program's environment differs from the application's.
	 */
	static boolean changes(ProcessSpec spec, @Nullable String marker) {
		return marker != null || spec.changesEnvironment();
	}

	/**
	 * Turns a copy of the application's environment into the program's.
	 * @param environment a mutable copy of the application's environment
	 */
	static void apply(ProcessSpec spec, @Nullable String marker, Map<String, String> environment) {
		spec.applyEnvironment(environment);
		if (marker != null) {
			int equals = marker.indexOf('=');
			environment.put(marker.substring(0, equals), marker.substring(equals + 1));
		}
	}

}
