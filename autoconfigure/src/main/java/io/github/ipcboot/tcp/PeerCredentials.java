package io.github.ipcboot.tcp;

/**
 * Who the process at the other end of a Unix domain socket runs as, as the kernel reported it
 * when the connection was made ({@code SO_PEERCRED}). The JDK reports the user and the (primary)
 * group by name, or by number when the system has no name for them; it does not report the pid.
 *
 * @param user the peer's user name (or uid)
 * @param group the peer's group name (or gid)
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public record PeerCredentials(String user, String group) {

}
