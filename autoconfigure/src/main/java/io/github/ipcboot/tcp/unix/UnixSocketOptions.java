package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.ipcboot.tcp.PeerCredentials;
import org.jspecify.annotations.Nullable;

/**
 * What a server on a Unix domain socket adds to a TCP server's settings: the mode of its socket
 * file and the peers it serves. The peers are compared by identity: the JDK's principals are
 * equal when their uid (or gid) is, whatever their names.
 *
 * @param permissions the mode of the socket file, or {@code null} to leave it as the umask makes it
 * @param allowedUsers the users peers may run as; empty for any
 * @param allowedGroups the (primary) groups peers may run as; empty for any
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public record UnixSocketOptions(@Nullable Set<PosixFilePermission> permissions, List<UserPrincipal> allowedUsers,
		List<GroupPrincipal> allowedGroups) {

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
	 * Create the options from their configured text, looking up every user and group once, with
	 * the default file system's {@link UserPrincipalLookupService}: a name is the user (group) of
	 * that name, a number that uid (gid) when no user (group) has it as its name.
	 * @param permissions the mode as {@code ls -l} shows it, e.g. {@code rw-rw----}, or {@code null}
	 * @param allowedUsers the user names or uids peers may run as; empty for any
	 * @param allowedGroups the group names or gids peers may run as; empty for any
	 * @return the options
	 * @throws UnixPrincipalNotFoundException if an entry is neither a number nor a known name
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
		UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
		return new UnixSocketOptions(mode, lookUp("allowed-users", allowedUsers, lookup::lookupPrincipalByName),
				lookUp("allowed-groups", allowedGroups, lookup::lookupPrincipalByGroupName));
	}

	private static <P> List<P> lookUp(String list, List<String> entries, Lookup<P> lookup) {
		List<P> principals = new ArrayList<>(entries.size());
		for (int i = 0; i < entries.size(); i++) {
			String entry = entries.get(i).trim();
			try {
				principals.add(lookup.find(entry));
			}
			catch (IOException ex) {
				throw new UnixPrincipalNotFoundException(list, i, entry, ex);
			}
		}
		return principals;
	}

	/**
	 * Return whether nothing is set.
	 * @return whether these are {@link #NONE}'s options
	 */
	public boolean isEmpty() {
		return this.permissions == null && this.allowedUsers.isEmpty() && this.allowedGroups.isEmpty();
	}

	/**
	 * Look up a user or group principal by its name.
	 *
	 * @param <P> the kind of principal
	 */
	@FunctionalInterface
	private interface Lookup<P> {

		P find(String name) throws IOException;

	}

	/**
	 * Return whether a peer may be served: any peer when neither list is set, else one whose user
	 * is in {@code allowedUsers} or whose group is in {@code allowedGroups}, compared by uid and gid.
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
