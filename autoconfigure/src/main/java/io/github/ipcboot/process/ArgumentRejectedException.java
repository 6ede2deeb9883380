package io.github.ipcboot.process;

/**
 * Raised, before anything starts, when an argument passed to a named command does not match the
 * command's {@code allowed-args} pattern, or the command accepts no arguments. The message names
 * the argument by position only, since it may be hostile or sensitive.
 *
 * @since 0.1.0
 */
public class ArgumentRejectedException extends ProcessException {

	/** The name of the command. */
	private final String commandName;

	/** The position of the rejected argument among the extra arguments. */
	private final int index;

	/**
	 * Creates an exception.
	 * @param commandName the command name
	 * @param index the position of the rejected argument among the extra arguments, from 0
	 * @param reason why it was rejected
	 */
	public ArgumentRejectedException(String commandName, int index, String reason) {
		super("Argument " + index + " of command '" + commandName + "' rejected: " + reason);
		this.commandName = commandName;
		this.index = index;
	}

	/**
	 * Returns the name of the command.
	 * @return the command name
	 */
	public String getCommandName() {
		return this.commandName;
	}

	/**
	 * Returns the position of the rejected argument among the extra arguments.
	 * @return the index, from 0
	 */
	public int getIndex() {
		return this.index;
	}

}
