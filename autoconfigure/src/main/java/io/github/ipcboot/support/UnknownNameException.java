package io.github.ipcboot.support;

import java.util.List;
import java.util.Set;

/**
 * Thrown when a server, endpoint, channel or client is looked up by a name that is not
 * configured; the message names the configured ones. An {@link IllegalArgumentException}, as the
 * lookups always documented.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public class UnknownNameException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String name;

	private final List<String> configuredNames;

	/**
	 * Create a new instance.
	 * @param kind what was looked up, such as {@code UDP endpoint}
	 * @param name the name asked for
	 * @param configuredNames the names that are configured, in configuration order
	 */
	public UnknownNameException(String kind, String name, Set<String> configuredNames) {
		super("No " + kind + " named '" + name + "'; configured: " + configuredNames);
		this.name = name;
		this.configuredNames = List.copyOf(configuredNames);
	}

	/**
	 * Return the name asked for.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Return the names that are configured.
	 * @return the names, in configuration order
	 */
	public List<String> getConfiguredNames() {
		return this.configuredNames;
	}

}
