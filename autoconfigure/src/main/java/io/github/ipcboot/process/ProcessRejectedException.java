package io.github.ipcboot.process;

/**
 * Raised, before anything starts, when the service has no capacity for another process: the
 * limit of concurrent processes is reached and the wait queue is full or the wait timed out, or
 * the service is shutting down.
 *
 * @since 0.1.0
 */
public class ProcessRejectedException extends ProcessException {

	/** The name of the command that was rejected. */
	private final String commandName;

	/**
	 * Creates an exception.
	 * @param commandName the command name, or {@code adhoc}
	 * @param message what limit was hit, with its numbers
	 */
	public ProcessRejectedException(String commandName, String message) {
		super("Command '" + commandName + "' rejected: " + message);
		this.commandName = commandName;
	}

	/**
	 * Returns the name of the command that was rejected.
	 * @return the command name, or {@code adhoc}
	 */
	public String getCommandName() {
		return this.commandName;
	}

}
