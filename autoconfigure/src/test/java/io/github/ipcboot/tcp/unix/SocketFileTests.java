package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
