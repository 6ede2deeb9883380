package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The file of a server's Unix domain socket, from before it is bound until it is deleted:
 * <ol>
 * <li>its directory is created when missing, and it and its ancestors must be safe from other
 * users ({@link SocketDirectoryCheck});</li>
 * <li>a file left at the path is replaced only when it is a socket nobody listens on (a stale
 * socket of an instance that was killed); any other file, or a socket in use, is a
 * {@link UnixSocketFileException};</li>
 * <li>the socket is bound, and given the configured permissions in a private directory before
 * it appears at the path ({@link StagedBind});</li>
 * <li>on stop, the file is deleted if it is still the one this server bound (another instance
 * may have replaced it meanwhile).</li>
 * </ol>
 * The file this server bound is recognised by its device and inode and by its modification time
 * (set when the socket is bound, to the file system's timestamp granularity, a few milliseconds
 * on ext4; not changed by a {@code chmod} or {@code chown}): a file system such as ext4 may give
 * a socket bound at the path after this one was deleted the same inode, but not the same time
 * unless both were bound within one tick of that granularity. Unlinking has no conditional form,
 * so a replacement made between the check and the delete is still deleted.
 */
final class SocketFile {

	private static final Log logger = LogFactory.getLog(SocketFile.class);

	/** The file type bits of {@code st_mode} and the type of a socket ({@code S_IFMT}, {@code S_IFSOCK}). */
	private static final int TYPE_MASK = 0170000;

	private static final int TYPE_SOCKET = 0140000;

	/** How long the probe of a socket file left at the path waits for a listener to accept. */
	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

	private final String serverName;

	private final Path path;

	private final @Nullable Set<PosixFilePermission> permissions;

	/** The identity of the file this server bound, or {@code null}. */
	private volatile @Nullable FileIdentity boundFile;

	SocketFile(String serverName, Path path, @Nullable Set<PosixFilePermission> permissions) {
		this.serverName = serverName;
		this.path = path;
		this.permissions = permissions;
	}

	Path path() {
		return this.path;
	}

	/**
	 * Prepare the path and bind a new server channel to it.
	 * @param backlog the most connections queued before they are accepted
	 * @return the bound channel
	 * @throws UnixSocketFileException if the path is taken by something that must not be replaced
	 * @throws IOException if the directory cannot be created or the socket cannot be bound
	 */
	ServerSocketChannel bind(int backlog) throws IOException {
		Path parent = this.path.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
			SocketDirectoryCheck.check(this.serverName, this.path, parent);
		}
		replaceStaleSocket();
		ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		try {
			Set<PosixFilePermission> mode = this.permissions;
			if (mode != null) {
				StagedBind.bind(channel, this.path, backlog, mode);
			}
			else {
				channel.bind(UnixDomainSocketAddress.of(this.path), backlog);
			}
			this.boundFile = identity();
			return channel;
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			delete();
			throw ex;
		}
	}

	private void replaceStaleSocket() throws IOException {
		if (!Files.exists(this.path, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		if (!isSocket()) {
			throw new UnixSocketFileException("Unix socket server '" + this.serverName + "' cannot listen on "
					+ this.path + ": a file that is not a socket is there; move it away or choose another path");
		}
		if (hasListener()) {
			throw new UnixSocketFileException("Unix socket server '" + this.serverName + "' cannot listen on "
					+ this.path + ": another process listens on that socket");
		}
		Files.delete(this.path);
		logger.info("Unix socket server '" + this.serverName + "' replaced the stale socket file " + this.path
				+ " (nothing listened on it)");
	}

	private boolean isSocket() throws IOException {
		try {
			int mode = (Integer) Files.getAttribute(this.path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
			return (mode & TYPE_MASK) == TYPE_SOCKET;
		}
		catch (UnsupportedOperationException | IllegalArgumentException ex) {
			// no "unix" attribute view: a socket is neither a file, a directory nor a link
			return Files.readAttributes(this.path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
		}
	}

	/**
	 * Probe the socket, within {@link #PROBE_TIMEOUT}: a listener whose backlog is full (it
	 * stalls and accepts nothing) still counts as one.
	 */
	private boolean hasListener() throws IOException {
		try (SocketChannel probe = UnixConnect.open(UnixDomainSocketAddress.of(this.path), PROBE_TIMEOUT)) {
			return true;
		}
		catch (SocketTimeoutException ex) {
			return true;
		}
		catch (ConnectException ex) {
			// connection refused: a socket file without a listener
			return false;
		}
	}

	private @Nullable FileIdentity identity() {
		try {
			BasicFileAttributes attributes = Files.readAttributes(this.path, BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			Object key = attributes.fileKey();
			return (key != null) ? new FileIdentity(key, attributes.lastModifiedTime()) : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Delete the socket file if it is still the one this server bound.
	 */
	void delete() {
		FileIdentity bound = this.boundFile;
		this.boundFile = null;
		if (bound == null || !bound.equals(identity())) {
			return;
		}
		try {
			Files.deleteIfExists(this.path);
		}
		catch (IOException ex) {
			logger.warn("Unix socket server '" + this.serverName + "' could not delete its socket file " + this.path
					+ ": " + ex.getMessage());
		}
	}

	/**
	 * What tells one file at the path from another.
	 * @param key the device and inode ({@link BasicFileAttributes#fileKey()})
	 * @param modified the modification time, in the file system's resolution
	 */
	private record FileIdentity(Object key, FileTime modified) {
	}

}
