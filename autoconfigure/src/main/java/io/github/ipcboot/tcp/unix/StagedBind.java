package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Bind a server channel to a path and give the socket file a mode without following a symbolic
 * link someone else put in its place. A {@code chmod} by path follows links, and between the bind
 * and the {@code chmod} another user who may write to the directory could replace the socket with
 * a link to any file of the service's user. So the socket is bound in a fresh directory next to
 * the path that only this user may enter (mode {@code rwx------}, on the same file system), its
 * mode set there, and it is then hard-linked to the path ({@code link(2)} fails if anything is
 * at the path by then, and never follows a link there); the staging name and directory are
 * removed. A path so long that the staging name would pass the kernel's limit is bound and
 * changed in place (the start-up refuses directories another user may write to,
 * {@link SocketDirectoryCheck}).
 */
final class StagedBind {

	private static final String STAGED_NAME = "s";

	private StagedBind() {
	}

	/**
	 * Bind the channel to the path and set the socket file's mode.
	 * @param channel a new server channel
	 * @param path the socket path
	 * @param backlog the most connections queued before they are accepted
	 * @param mode the socket file's mode
	 * @throws IOException if the bind, the mode or the link failed (the staging directory is gone)
	 */
	static void bind(ServerSocketChannel channel, Path path, int backlog, Set<PosixFilePermission> mode)
			throws IOException {
		Path parent = path.toAbsolutePath().getParent();
		if (parent == null) {
			bindInPlace(channel, path, backlog, mode);
			return;
		}
		Path staging = Files.createTempDirectory(parent, ".ipc-",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		try {
			Path staged = staging.resolve(STAGED_NAME);
			if (staged.toString().getBytes(StandardCharsets.UTF_8).length > UnixSocketAddresses.MAX_PATH_BYTES) {
				bindInPlace(channel, path, backlog, mode);
				return;
			}
			channel.bind(UnixDomainSocketAddress.of(staged), backlog);
			try {
				Files.setPosixFilePermissions(staged, mode);
				Files.createLink(path, staged);
			}
			finally {
				Files.deleteIfExists(staged);
			}
		}
		finally {
			Files.deleteIfExists(staging);
		}
	}

	private static void bindInPlace(ServerSocketChannel channel, Path path, int backlog, Set<PosixFilePermission> mode)
			throws IOException {
		channel.bind(UnixDomainSocketAddress.of(path), backlog);
		Files.setPosixFilePermissions(path, mode);
	}

}
