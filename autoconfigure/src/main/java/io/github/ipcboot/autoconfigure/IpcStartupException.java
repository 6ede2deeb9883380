package io.github.ipcboot.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * The starter could not start a server, client, endpoint or service: its configuration is wrong or
 * what it names cannot be used (a port in use, an SSL bundle that does not exist). Carries the
 * property at fault, its value and what to do, which the starter's failure analyzer reports.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public class IpcStartupException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String property;

	private final @Nullable String value;

	private final String action;

	/**
	 * Create a new instance.
	 * @param message what is wrong, naming the server, client or command
	 * @param property the full name of the property at fault (or of the group, e.g.
	 * {@code ipc.tcp.servers.orders}), or {@code null} when no property is
	 * @param value the value at fault, or {@code null}
	 * @param action what the user should do
	 * @param cause the cause, or {@code null}
	 */
	public IpcStartupException(String message, @Nullable String property, @Nullable Object value, String action,
			@Nullable Throwable cause) {
		super(message, cause);
		this.property = property;
		this.value = (value != null) ? String.valueOf(value) : null;
		this.action = action;
	}

	/**
	 * Create an exception for an invalid value that the settings of a named server, client or
	 * endpoint rejected.
	 * @param prefix the prefix of the named group, e.g. {@code ipc.tcp.servers.orders}
	 * @param cause what the settings rejected, its message naming the value
	 * @return the exception
	 */
	public static IpcStartupException invalid(String prefix, IllegalArgumentException cause) {
		return new IpcStartupException("Invalid configuration of " + prefix + ": " + cause.getMessage(), prefix, null,
				"Correct the value under " + prefix + " that the description names.", cause);
	}

	/**
	 * Create an exception for a required property that is not set.
	 * @param property the full name of the property
	 * @param message what is missing
	 * @param example what to set it to
	 * @return the exception
	 */
	public static IpcStartupException missing(String property, String message, String example) {
		return new IpcStartupException(message, property, null, "Set " + property + ", e.g. " + example + ".", null);
	}

	/**
	 * Return the full name of the property at fault, or of its group.
	 * @return the name, or {@code null} when no single property is at fault
	 */
	public @Nullable String getProperty() {
		return this.property;
	}

	/**
	 * Return the value at fault.
	 * @return the value, or {@code null} when there is none (a missing property) or it is not known
	 */
	public @Nullable String getValue() {
		return this.value;
	}

	/**
	 * Return what the user should do.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
