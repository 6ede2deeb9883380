package io.github.ipcboot.tcp;

import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;

/**
 * Who the process at the other end of a Unix domain socket runs as, as the kernel reported it
 * when the connection was made ({@code SO_PEERCRED}). The principals are the JDK's: they compare
 * equal by uid and gid (not by name), and their {@code getName()} is the user or (primary) group
 * name, or the number when the system has no name for it. The JDK does not report the pid.
 *
 * @param user the peer's user
 * @param group the peer's primary group
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public record PeerCredentials(UserPrincipal user, GroupPrincipal group) {

	/**
	 * Return the peer's user name.
	 * @return the name, or the uid when the system has no name for it
	 * @since 0.2.0
	 */
	public String userName() {
		return this.user.getName();
	}

	/**
	 * Return the peer's primary group name.
	 * @return the name, or the gid when the system has no name for it
	 * @since 0.2.0
	 */
	public String groupName() {
		return this.group.getName();
	}

	@Override
	public String toString() {
		return "user " + userName() + ", group " + groupName();
	}

}
