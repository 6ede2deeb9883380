package io.github.ipcboot.tcp.unix;

import java.nio.file.attribute.UserPrincipalNotFoundException;

/**
 * Thrown at start-up when an entry of {@code allowed-users} or {@code allowed-groups} is neither a
 * number nor the name of a user or group this host knows.
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public class UnixPrincipalNotFoundException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String list;

	private final int index;

	private final String entry;

	/**
	 * Create a new instance.
	 * @param list the list the entry is in: {@code allowed-users} or {@code allowed-groups}
	 * @param index the entry's index in the list, from 0
	 * @param entry the entry
	 * @param cause why the look-up failed
	 */
	public UnixPrincipalNotFoundException(String list, int index, String entry, Throwable cause) {
		super(list + "[" + index + "] '" + entry + "' is no " + (list.endsWith("groups") ? "group" : "user")
				+ " on this host" + ((cause instanceof UserPrincipalNotFoundException) ? ""
						: " (the look-up failed: " + cause.getMessage() + ")")
				+ ": name one that exists, or give its number", cause);
		this.list = list;
		this.index = index;
		this.entry = entry;
	}

	/**
	 * Return the list the entry is in.
	 * @return {@code allowed-users} or {@code allowed-groups}
	 */
	public String getList() {
		return this.list;
	}

	/**
	 * Return the entry's index in its list.
	 * @return the index, from 0
	 */
	public int getIndex() {
		return this.index;
	}

	/**
	 * Return the entry as configured.
	 * @return the entry
	 */
	public String getEntry() {
		return this.entry;
	}

}
