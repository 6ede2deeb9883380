package io.github.ipcboot.tcp.unix;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import io.github.ipcboot.tcp.PeerCredentials;
import org.jspecify.annotations.Nullable;

/**
 * What a server on a Unix domain socket adds to a TCP server's settings: the mode of its socket
 * file and the peers it serves.
 *
 * @param permissions the mode of the socket file, or {@code null} to leave it as the umask makes it
 * @param allowedUsers the user names (or uids) peers may run as; empty for any
 * @param allowedGroups the group names (or gids) peers may run as; empty for any
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public record UnixSocketOptions(@Nullable Set<PosixFilePermission> permissions, List<String> allowedUsers,
		List<String> allowedGroups) {

	/** No mode, any peer: what a TCP server has. */
	public static final UnixSocketOptions NONE = new UnixSocketOptions(null, List.of(), List.of());

	/**
	 * Copy the lists.
	 */
	public UnixSocketOptions {
		permissions = (permissions != null) ? Set.copyOf(permissions) : null;
		allowedUsers = List.copyOf(allowedUsers);
		allowedGroups = List.copyOf(allowedGroups);
	}

	/**
	 * Create the options from their configured text.
	 * @param permissions the mode as {@code ls -l} shows it, e.g. {@code rw-rw----}, or {@code null}
	 * @param allowedUsers the user names (or uids) peers may run as; empty for any
	 * @param allowedGroups the group names (or gids) peers may run as; empty for any
	 * @return the options
	 * @throws IllegalArgumentException if the permissions are not nine {@code rwx-} characters
	 */
	public static UnixSocketOptions of(@Nullable String permissions, List<String> allowedUsers,
			List<String> allowedGroups) {
		Set<PosixFilePermission> mode = null;
		if (permissions != null) {
			try {
				mode = PosixFilePermissions.fromString(permissions);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("socket-permissions '" + permissions
						+ "' is not a mode like rw-rw---- (nine characters of r, w, x and -)", ex);
			}
		}
		return new UnixSocketOptions(mode, allowedUsers, allowedGroups);
	}

	/**
	 * Return whether nothing is set.
	 * @return whether these are {@link #NONE}'s options
	 */
	public boolean isEmpty() {
		return this.permissions == null && this.allowedUsers.isEmpty() && this.allowedGroups.isEmpty();
	}

	/**
	 * Return whether a peer may be served: any peer when neither list is set, else one whose user
	 * is in {@code allowedUsers} or whose group is in {@code allowedGroups}.
	 * @param peer the peer's credentials, or {@code null} when they could not be read
	 * @return whether it is allowed
	 */
	public boolean allows(@Nullable PeerCredentials peer) {
		if (this.allowedUsers.isEmpty() && this.allowedGroups.isEmpty()) {
			return true;
		}
		return peer != null && (this.allowedUsers.contains(peer.user()) || this.allowedGroups.contains(peer.group()));
	}

	/**
	 * Return the mode as {@code ls -l} shows it.
	 * @return the mode, or {@code null} when none is set
	 */
	public @Nullable String permissionsText() {
		Set<PosixFilePermission> mode = this.permissions;
		return (mode != null) ? PosixFilePermissions.toString(mode) : null;
	}

}
