package io.github.ipcboot.shm;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The temporary file a server writes its channel file under before it renames it into place:
 * {@code <file>.tmp-<random>}, with 64 random bits from a {@link SecureRandom}, so another user of a
 * shared directory ({@code /dev/shm}) cannot create it first and keep the server from starting. It
 * is created with {@code O_CREAT|O_EXCL} and without following a symbolic link; a name that is
 * taken (by chance or on purpose) is skipped for another.
 *
 * @param path the temporary file
 * @param channel the file, open for reading and writing
 */
record TemporaryFile(Path path, FileChannel channel) {

	/** How many random names are tried before giving up. */
	private static final int ATTEMPTS = 16;

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * Create a temporary file next to a channel file.
	 * @param file the channel file
	 * @param settings the channel's settings (its permissions)
	 * @return the temporary file, open
	 * @throws IOException if no name was free after a few attempts, or the file cannot be created
	 */
	static TemporaryFile create(Path file, ShmChannelSettings settings) throws IOException {
		FileSystemException taken = null;
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			Path path = file.resolveSibling(
					file.getFileName() + ".tmp-" + Long.toUnsignedString(RANDOM.nextLong(), Character.MAX_RADIX));
			try {
				return new TemporaryFile(path, createNew(path, settings));
			}
			catch (FileAlreadyExistsException ex) {
				taken = ex;
			}
		}
		throw new FileSystemException(file.toString(), null,
				"no free temporary name after " + ATTEMPTS + " random names were taken (last: " + taken + ")");
	}

	private static FileChannel createNew(Path temporary, ShmChannelSettings settings) throws IOException {
		Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
				StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
		try {
			return FileChannel.open(temporary, options, PosixFilePermissions.asFileAttribute(settings.permissions()));
		}
		catch (UnsupportedOperationException ex) {
			// no POSIX permissions here: created without, and the chmod after fails clearly
			return FileChannel.open(temporary, options);
		}
	}

}
