package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a server checks of the directory of its socket before it binds, as ssh's
 * {@code StrictModes} does: the directory and each of its ancestors, both as configured (a
 * symbolic link on the way included) and with the links resolved, must be owned by the service's effective user or by root, and no other user may
 * write to them, so that nobody else can delete the socket and bind their own at the path (the
 * clients could not tell). A directory writable by every user is accepted only with the sticky
 * bit ({@code /tmp}); one writable by its group only with the sticky bit or when that group is
 * the service's effective group. The effective user and group are read from
 * {@code /proc/self/status}; without it (not Linux) only the mode is checked.
 */
final class SocketDirectoryCheck {

	/** The mode bits "writable by the group", "writable by others" and "sticky". */
	private static final int GROUP_WRITE = 0020;

	private static final int OTHERS_WRITE = 0002;

	private static final int STICKY = 01000;

	private static final Path STATUS = Path.of("/proc/self/status");

	private SocketDirectoryCheck() {
	}

	/**
	 * Check the directory of a socket and its ancestors.
	 * @param serverName the server's name, for the message
	 * @param socket the socket path, for the message
	 * @param directory the socket's directory, which exists
	 * @throws UnixSocketFileException if a directory fails a check
	 * @throws IOException if a directory cannot be looked at
	 */
	static void check(String serverName, Path socket, Path directory) throws IOException {
		@Nullable Ids self = effectiveIds();
		Path real = directory.toRealPath();
		Path configured = directory.toAbsolutePath().normalize();
		if (checkChain(serverName, socket, real, self) && !configured.equals(real)) {
			// the path as configured too: clients and a later start resolve its links again, so
			// whoever may replace a link on the way could point the path at a socket of their own
			checkChain(serverName, socket, configured, self);
		}
	}

	/**
	 * Check a directory and each of its ancestors, as they are (a symbolic link on the way is
	 * checked for its owner, its parent for who may replace it).
	 * @return {@code false} if the file system has no "unix" attribute view (nothing to check)
	 */
	private static boolean checkChain(String serverName, Path socket, Path start, @Nullable Ids self)
			throws IOException {
		for (Path each = start; each != null; each = each.getParent()) {
			Map<String, Object> attributes;
			try {
				attributes = Files.readAttributes(each, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
			}
			catch (UnsupportedOperationException | IllegalArgumentException ex) {
				return false;
			}
			boolean link = Files.isSymbolicLink(each);
			// a link's own mode bits mean nothing (always 777): only its owner counts
			int mode = link ? 0 : (Integer) attributes.get("mode");
			String problem = problem(self, (Integer) attributes.get("uid"), (Integer) attributes.get("gid"), mode);
			if (problem != null) {
				String which = link ? "the symbolic link " : each.equals(start) ? "its directory " : "the directory ";
				throw new UnixSocketFileException("Unix socket server '" + serverName + "' cannot listen on " + socket
						+ ": " + which + each + " " + problem + "; another user could replace the socket and"
						+ " receive what clients send; use a directory only the service's user (and group) can"
						+ " write to, such as /run/<app>");
			}
		}
		return true;
	}

	private static @Nullable String problem(@Nullable Ids self, int uid, int gid, int mode) {
		boolean sticky = (mode & STICKY) != 0;
		if (self != null && uid != self.uid() && uid != 0) {
			return "is owned by uid " + uid + ", neither the service's user (uid " + self.uid() + ") nor root";
		}
		if ((mode & OTHERS_WRITE) != 0 && !sticky) {
			return "is writable by every user (mode " + Integer.toOctalString(mode & 07777)
					+ ") without the sticky bit";
		}
		if (self != null && (mode & GROUP_WRITE) != 0 && !sticky && gid != self.gid()) {
			return "is writable by its group gid " + gid + " (mode " + Integer.toOctalString(mode & 07777)
					+ ") without the sticky bit, and that is not the service's group (gid " + self.gid() + ")";
		}
		return null;
	}

	/**
	 * Read the effective user and group ids of this process.
	 * @return them, or {@code null} when {@code /proc/self/status} cannot be read
	 */
	static @Nullable Ids effectiveIds() {
		List<String> lines;
		try {
			lines = Files.readAllLines(STATUS, StandardCharsets.UTF_8);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
		Integer uid = null;
		Integer gid = null;
		for (String line : lines) {
			if (line.startsWith("Uid:")) {
				uid = effective(line);
			}
			else if (line.startsWith("Gid:")) {
				gid = effective(line);
			}
		}
		return (uid != null && gid != null) ? new Ids(uid, gid) : null;
	}

	/** The second of the four ids on a {@code Uid:} or {@code Gid:} line: real, effective, saved, file system. */
	private static @Nullable Integer effective(String line) {
		String[] fields = line.substring(4).trim().split("\\s+");
		try {
			return (fields.length > 1) ? Integer.valueOf(fields[1]) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * The effective ids of this process.
	 * @param uid the effective user id
	 * @param gid the effective group id
	 */
	record Ids(int uid, int gid) {
	}

}
