package io.github.ipcboot.process;

import java.util.Set;
import java.util.TreeSet;

/**
 * Raised, before anything starts, when a named command is not configured under
 * {@code ipc.process.commands}.
 *
 * @since 0.1.0
 */
public class UnknownCommandException extends ProcessException {

	/** The name that was asked for. */
	private final String commandName;

	/**
	 * Creates an exception.
	 * @param commandName the name that was asked for
	 * @param known the configured names
	 */
	public UnknownCommandException(String commandName, Set<String> known) {
		super("No command named '" + commandName + "' is configured; configured commands: " + new TreeSet<>(known));
		this.commandName = commandName;
	}

	/**
	 * Returns the name that was asked for.
	 * @return the command name
	 */
	public String getCommandName() {
		return this.commandName;
	}

}
