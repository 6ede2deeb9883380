package io.github.ipcboot.shm;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a client checks before it maps a server's file: that the expected user owns it (its own
 * user, or {@code server-user}) and that neither group nor others may write it unless the
 * channel's {@code permissions} say so; another local user who squats the path cannot then pose as
 * the server.
 */
final class FileOwnerCheck {

	private FileOwnerCheck() {
	}

	/**
	 * Check a file.
	 * @param settings the client's settings
	 * @param path the file
	 * @throws ShmFileException if it fails a check
	 */
	static void check(ShmChannelSettings settings, Path path) {
		PosixFileAttributes attributes;
		UserPrincipal expected;
		try {
			attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
			expected = expectedOwner(settings);
		}
		catch (IOException | UnsupportedOperationException ex) {
			throw new ShmFileException("Cannot check the owner of channel file " + path + " of channel '"
					+ settings.name() + "': " + ex, ex);
		}
		if (!attributes.owner().equals(expected)) {
			throw new ShmFileException("Channel file " + path + " of channel '" + settings.name() + "' is owned by "
					+ attributes.owner().getName() + ", not " + expected.getName() + "; set ipc.shm.channels."
					+ settings.name() + ".server-user if that user runs the server", null);
		}
		Set<PosixFilePermission> writable = EnumSet.of(PosixFilePermission.GROUP_WRITE,
				PosixFilePermission.OTHERS_WRITE);
		writable.retainAll(attributes.permissions());
		writable.removeAll(settings.permissions());
		if (!writable.isEmpty()) {
			throw new ShmFileException("Channel file " + path + " of channel '" + settings.name()
					+ "' can be written by " + writable + ", which ipc.shm.channels." + settings.name()
					+ ".permissions does not allow", null);
		}
	}

	private static UserPrincipal expectedOwner(ShmChannelSettings settings) throws IOException {
		String user = settings.serverUser();
		if (user != null) {
			return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(user);
		}
		return processOwner();
	}

	/**
	 * Return the effective user of this process: the owner of its {@code /proc} entry, with or
	 * without a name.
	 * @return the user
	 * @throws IOException if {@code /proc/self} cannot be looked at
	 */
	static UserPrincipal processOwner() throws IOException {
		return Files.getOwner(Path.of("/proc/self"));
	}

}
