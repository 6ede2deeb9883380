package io.github.ipcboot.tcp.unix;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code unix:<path>} addresses of servers and clients that use a Unix domain socket
 * instead of TCP.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public final class UnixSocketAddresses {

	/** The prefix of an address that names a Unix domain socket. */
	public static final String PREFIX = "unix:";

	/**
	 * The most bytes of a socket path: {@code sun_path} holds 108 bytes on Linux, with the
	 * terminating NUL.
	 */
	static final int MAX_PATH_BYTES = 107;

	private UnixSocketAddresses() {
	}

	/**
	 * Return whether an address names a Unix domain socket.
	 * @param address a configured address or host, or {@code null}
	 * @return whether it starts with {@value #PREFIX}
	 */
	public static boolean isUnix(@Nullable String address) {
		return address != null && address.startsWith(PREFIX);
	}

	/**
	 * Return the socket path of a {@code unix:} address.
	 * @param address the address, e.g. {@code unix:/run/app/orders.sock}
	 * @return the path
	 * @throws IllegalArgumentException if the path is empty, too long, an abstract name or not a
	 * valid path
	 */
	public static Path path(String address) {
		if (!isUnix(address)) {
			throw new IllegalArgumentException("address '" + address + "' does not start with " + PREFIX);
		}
		String path = address.substring(PREFIX.length());
		if (path.isEmpty()) {
			throw new IllegalArgumentException("address '" + address + "' has no path after " + PREFIX);
		}
		if (path.startsWith("@")) {
			throw new IllegalArgumentException("address '" + address
					+ "' is a Linux abstract socket name, which the JDK does not support; use a file path");
		}
		int bytes = path.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > MAX_PATH_BYTES) {
			throw new IllegalArgumentException("the socket path of '" + address + "' has " + bytes
					+ " bytes; Unix domain socket paths hold at most " + MAX_PATH_BYTES);
		}
		try {
			return Path.of(path);
		}
		catch (InvalidPathException ex) {
			throw new IllegalArgumentException("address '" + address + "' is not a valid path: " + ex.getMessage(), ex);
		}
	}

}
