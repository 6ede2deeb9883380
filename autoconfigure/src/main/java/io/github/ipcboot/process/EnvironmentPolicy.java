package io.github.ipcboot.process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Which of the application's environment variables a process inherits: all of them, only those
 * on an allow-list, or none. Variables a spec or command sets explicitly are added whatever the
 * policy. A name on the allow-list ending in {@code *} matches every variable that starts with
 * what comes before it ({@code LC_*}).
 *
 * @param inherit which variables are inherited
 * @param allowed the names (or prefixes ending in {@code *}) inherited with
 * {@link Inheritance#ALLOWED}; ignored otherwise
 * @since 0.2.0
 */
public record EnvironmentPolicy(Inheritance inherit, List<String> allowed) {

	/**
	 * What named commands inherit unless configured otherwise: what a program needs to find
	 * programs, files and its locale, and no credentials.
	 */
	public static final List<String> DEFAULT_ALLOWED = List.of("PATH", "HOME", "LANG", "LANGUAGE", "LC_*", "TZ",
			"TMPDIR");

	/**
	 * Creates a policy.
	 * @param inherit which variables are inherited
	 * @param allowed the names, or prefixes ending in {@code *}, inherited with
	 * {@link Inheritance#ALLOWED}
	 */
	public EnvironmentPolicy {
		allowed = List.copyOf(allowed);
		for (String name : allowed) {
			int star = name.indexOf('*');
			if (name.isEmpty() || name.indexOf('=') >= 0 || (star >= 0 && star != name.length() - 1)) {
				throw new IllegalArgumentException("Allowed environment variable '" + name
						+ "' must be a name, or a prefix followed by a single '*' at the end");
			}
		}
	}

	/**
	 * Returns the policy that inherits the whole environment of the application.
	 * @return the policy
	 */
	public static EnvironmentPolicy all() {
		return new EnvironmentPolicy(Inheritance.ALL, List.of());
	}

	/**
	 * Returns the policy that inherits nothing.
	 * @return the policy
	 */
	public static EnvironmentPolicy none() {
		return new EnvironmentPolicy(Inheritance.NONE, List.of());
	}

	/**
	 * Returns the policy that inherits only the given variables.
	 * @param names the names, or prefixes ending in {@code *}
	 * @return the policy
	 */
	public static EnvironmentPolicy allowed(String... names) {
		return new EnvironmentPolicy(Inheritance.ALLOWED, Arrays.asList(names));
	}

	/**
	 * Returns the policy that inherits only the variables of {@link #DEFAULT_ALLOWED}: the
	 * default of named commands.
	 * @return the policy
	 */
	public static EnvironmentPolicy defaults() {
		return new EnvironmentPolicy(Inheritance.ALLOWED, DEFAULT_ALLOWED);
	}

	/**
	 * Returns a policy that also allows the given names.
	 * @param names further names, or prefixes ending in {@code *}
	 * @return the new policy
	 */
	public EnvironmentPolicy alsoAllowing(List<String> names) {
		List<String> all = new ArrayList<>(this.allowed);
		names.stream().filter((name) -> !all.contains(name)).forEach(all::add);
		return new EnvironmentPolicy(this.inherit, all);
	}

	/**
	 * Returns whether a variable of the application's environment is inherited.
	 * @param name the variable name
	 * @return whether the process inherits it
	 */
	public boolean inherits(String name) {
		return switch (this.inherit) {
			case ALL -> true;
			case NONE -> false;
			case ALLOWED -> this.allowed.stream().anyMatch((allowed) -> matches(allowed, name));
		};
	}

	private static boolean matches(String allowed, String name) {
		return allowed.endsWith("*") ? name.startsWith(allowed.substring(0, allowed.length() - 1))
				: allowed.equals(name);
	}

	/**
	 * Removes from an environment every variable this policy does not inherit.
	 * @param environment the application's environment, modified in place
	 */
	void retainInherited(Map<String, String> environment) {
		if (this.inherit != Inheritance.ALL) {
			environment.keySet().removeIf((name) -> !inherits(name));
		}
	}

	/**
	 * Which of the application's environment variables a process inherits.
	 */
	public enum Inheritance {

		/**
		 * Every variable of the application's environment.
		 */
		ALL,

		/**
		 * Only the variables on the allow-list.
		 */
		ALLOWED,

		/**
		 * None: the process sees only the variables set for it.
		 */
		NONE

	}

}
