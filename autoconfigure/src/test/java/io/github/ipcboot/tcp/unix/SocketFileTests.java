package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@link SocketFile}: the file it deletes is only the socket it bound, never one that replaced it
 * or one that is gone already.
 */
class SocketFileTests {

	@TempDir
	Path dir;

	@Test
	void bindCreatesTheDirectoriesAndSetsTheMode() throws IOException {
		Path path = this.dir.resolve("run/app/orders.sock");
		SocketFile file = new SocketFile("orders", path, PosixFilePermissions.fromString("rw-------"));
		try (ServerSocketChannel channel = file.bind(1)) {
			assertThat(channel.isOpen()).isTrue();
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)))
				.isEqualTo("rw-------");
			// the socket was staged in a private directory, which is gone
			try (java.util.stream.Stream<Path> entries = Files.list(path.getParent())) {
				assertThat(entries).containsExactly(path);
			}
			try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path));
					SocketChannel accepted = channel.accept()) {
				assertThat(accepted.isConnected()).isTrue();
			}
		}
		file.delete();
		assertThat(path).doesNotExist();
	}

	@Test
	void aListenerWhoseBacklogIsFullIsNotTakenForAStaleSocket() throws IOException {
		Path path = this.dir.resolve("stalled.sock");
		List<SocketChannel> queued = new ArrayList<>();
		try (ServerSocketChannel stalled = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			stalled.bind(UnixDomainSocketAddress.of(path), 1);
			UnixConnectionFactoryTests.fillBacklog(path, queued);
			SocketFile file = new SocketFile("orders", path, null);
			long start = System.nanoTime();
			assertThatExceptionOfType(UnixSocketFileException.class).isThrownBy(() -> file.bind(1))
				.withMessageContaining("another process listens on that socket");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
			assertThat(path).exists();
		}
		finally {
			for (SocketChannel channel : queued) {
				channel.close();
			}
		}
	}

	@Test
	void aDirectoryEveryoneCanWriteToIsRefusedUnlessSticky() throws IOException {
		Path open = Files.createDirectory(this.dir.resolve("open"));
		Files.setAttribute(open, "unix:mode", 0777);
		SocketFile file = new SocketFile("orders", open.resolve("orders.sock"), PosixFilePermissions.fromString("rw-------"));
		assertThatExceptionOfType(UnixSocketFileException.class).isThrownBy(() -> file.bind(1))
			.withMessageContaining("is writable by every user (mode 777) without the sticky bit");
		assertThat(open.resolve("orders.sock")).doesNotExist();
		Files.setAttribute(open, "unix:mode", 01777);
		try (ServerSocketChannel channel = file.bind(1)) {
			assertThat(channel.isOpen()).isTrue();
		}
		file.delete();
	}

	@ParameterizedTest
	@CsvSource({ "orders.sock, its directory", "app/orders.sock, the directory" })
	void aDirectoryOwnedByAnotherUserIsRefusedAlsoAboveOneTheServerCreates(String socket, String which)
			throws IOException {
		Path theirs = Files.createDirectory(this.dir.resolve("theirs"));
		Files.setAttribute(theirs, "unix:mode", 0755);
		int uid = chownToNobody(theirs);
		Path path = theirs.resolve(socket);
		SocketFile file = new SocketFile("orders", path, PosixFilePermissions.fromString("rw-------"));
		assertThatExceptionOfType(UnixSocketFileException.class).isThrownBy(() -> file.bind(1))
			.withMessageContaining(which + " " + theirs.toRealPath() + " is owned by uid " + uid
					+ ", neither the service's user");
		assertThat(path).doesNotExist();
	}

	@Test
	void aLinkOnTheConfiguredPathInADirectoryAnotherUserOwnsIsRefused() throws IOException {
		Path real = Files.createDirectory(this.dir.resolve("real"));
		Files.setAttribute(real, "unix:mode", 0700);
		Path theirs = Files.createDirectory(this.dir.resolve("theirs"));
		Files.setAttribute(theirs, "unix:mode", 0755);
		Files.createSymbolicLink(theirs.resolve("run"), real);
		int uid = chownToNobody(theirs);
		Path path = theirs.resolve("run").resolve("orders.sock");
		SocketFile file = new SocketFile("orders", path, PosixFilePermissions.fromString("rw-------"));
		assertThatExceptionOfType(UnixSocketFileException.class).isThrownBy(() -> file.bind(1))
			.withMessageContaining("the directory " + theirs.toAbsolutePath() + " is owned by uid " + uid);
		assertThat(real.resolve("orders.sock")).doesNotExist();
	}

	@Test
	void aGroupWritableDirectoryIsAcceptedOnlyForTheServicesOwnGroup() throws IOException {
		Path shared = Files.createDirectory(this.dir.resolve("shared"));
		Files.setAttribute(shared, "unix:mode", 0770);
		SocketFile file = new SocketFile("orders", shared.resolve("orders.sock"), null);
		int own = (Integer) Files.getAttribute(shared, "unix:gid");
		SocketDirectoryCheck.Ids self = SocketDirectoryCheck.effectiveIds();
		assertThat(self).isNotNull();
		assertThat(own).isEqualTo(self.gid());
		try (ServerSocketChannel channel = file.bind(1)) {
			assertThat(channel.isOpen()).isTrue();
		}
		file.delete();
		GroupPrincipal nogroup = lookupNobody(
				(lookup) -> lookup.lookupPrincipalByGroupName(groupNamed(List.of("nogroup", "nobody"))));
		try {
			Files.getFileAttributeView(shared, PosixFileAttributeView.class).setGroup(nogroup);
		}
		catch (IOException ex) {
			Assumptions.abort("cannot give " + shared + " to another group without root: " + ex);
		}
		int other = (Integer) Files.getAttribute(shared, "unix:gid");
		assertThatExceptionOfType(UnixSocketFileException.class).isThrownBy(() -> file.bind(1))
			.withMessageContaining("is writable by its group gid " + other + " (mode 770) without the sticky bit,"
					+ " and that is not the service's group (gid " + self.gid() + ")");
		Files.setAttribute(shared, "unix:mode", 01770);
		try (ServerSocketChannel channel = file.bind(1)) {
			assertThat(channel.isOpen()).isTrue();
		}
		file.delete();
	}

	/**
	 * Give a directory to the user "nobody"; only root can, so the test is skipped (with the
	 * reason) otherwise.
	 */
	private static int chownToNobody(Path directory) throws IOException {
		UserPrincipal nobody = lookupNobody((lookup) -> lookup.lookupPrincipalByName("nobody"));
		try {
			Files.setOwner(directory, nobody);
		}
		catch (IOException ex) {
			Assumptions.abort("cannot give " + directory + " to another user without root: " + ex);
		}
		return (Integer) Files.getAttribute(directory, "unix:uid");
	}

	private static <T> T lookupNobody(Lookup<T> lookup) {
		try {
			return lookup.apply(FileSystems.getDefault().getUserPrincipalLookupService());
		}
		catch (IOException ex) {
			return Assumptions.abort("no user or group 'nobody' to give a directory to: " + ex);
		}
	}

	private static String groupNamed(List<String> candidates) throws IOException {
		for (String name : candidates) {
			try {
				FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName(name);
				return name;
			}
			catch (UserPrincipalNotFoundException ex) {
				// try the next
			}
		}
		throw new UserPrincipalNotFoundException(candidates.toString());
	}

	@FunctionalInterface
	private interface Lookup<T> {

		T apply(UserPrincipalLookupService lookup) throws IOException;

	}

	@Test
	void deleteLeavesAFileThatReplacedTheBoundSocket() throws IOException {
		Path path = this.dir.resolve("orders.sock");
		SocketFile file = new SocketFile("orders", path, null);
		// the replacement is made while the socket still exists, so it cannot reuse the socket's inode
		Path other = Files.writeString(this.dir.resolve("other"), "not ours");
		file.bind(1).close();
		Files.delete(path);
		Files.move(other, path);
		file.delete();
		assertThat(path).exists();
		assertThat(Files.readString(path, StandardCharsets.UTF_8)).isEqualTo("not ours");
	}

	@Test
	void deleteLeavesASocketWithTheBoundInodeButAnotherModificationTime() throws IOException {
		Path path = this.dir.resolve("orders.sock");
		SocketFile file = new SocketFile("orders", path, null);
		file.bind(1).close();
		// what a socket bound at the path by another process looks like when the file system gave
		// it the inode of the deleted one (ext4 reuses inodes): same device and inode, a later time
		FileTime bound = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
		Files.setLastModifiedTime(path, FileTime.from(bound.toInstant().plusMillis(40)));
		file.delete();
		assertThat(path).exists();
	}

	@Test
	void deleteRemovesTheBoundSocketAfterItsModeAndOwnerChanged() throws IOException {
		Path path = this.dir.resolve("orders.sock");
		SocketFile file = new SocketFile("orders", path, PosixFilePermissions.fromString("rw-------"));
		file.bind(1).close();
		// a chmod or chown changes the inode's change time, never its modification time
		Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
		Files.setOwner(path, Files.getOwner(path, LinkOption.NOFOLLOW_LINKS));
		file.delete();
		assertThat(path).doesNotExist();
	}

	@Test
	void deleteOfASocketFileThatIsGoneDoesNothing() throws IOException {
		Path path = this.dir.resolve("orders.sock");
		SocketFile file = new SocketFile("orders", path, null);
		file.bind(1).close();
		Files.delete(path);
		assertThatNoException().isThrownBy(file::delete);
		assertThat(path).doesNotExist();
	}

	@Test
	void deleteWithoutABindLeavesAFileAtThePath() throws IOException {
		Path path = this.dir.resolve("orders.sock");
		Files.writeString(path, "someone else's");
		new SocketFile("orders", path, null).delete();
		assertThat(path).exists();
	}

}
