package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
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
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
		}
		file.delete();
		assertThat(path).doesNotExist();
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
