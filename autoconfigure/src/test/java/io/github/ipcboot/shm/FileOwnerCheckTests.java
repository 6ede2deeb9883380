package io.github.ipcboot.shm;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A client's checks of the server's file before it maps it: owner and write permissions.
 */
class FileOwnerCheckTests {

	@TempDir
	Path directory;

	private static ShmChannelSettings client(Path file, String permissions, String serverUser) {
		return new ShmChannelSettings("owned", ShmRole.CLIENT, file, 64 * 1024, 1024,
				PosixFilePermissions.fromString(permissions), new ShmIdle(false, 100, 100, Duration.ofMillis(1)),
				Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofSeconds(10),
				StandardCharsets.UTF_8, serverUser);
	}

	@Test
	void aFileOfThisUserWithTheConfiguredPermissionsShouldPass() throws Exception {
		Path file = Files.createFile(this.directory.resolve("mine"));
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		assertThatCode(() -> FileOwnerCheck.check(client(file, "rw-------", null), file)).doesNotThrowAnyException();
	}

	@Test
	void aFileOthersMayWriteShouldBeRefusedUnlessThePermissionsSaySo() throws Exception {
		Path file = Files.createFile(this.directory.resolve("open"));
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
		assertThatExceptionOfType(ShmFileException.class)
			.isThrownBy(() -> FileOwnerCheck.check(client(file, "rw-------", null), file))
			.withMessageContaining("can be written by [GROUP_WRITE, OTHERS_WRITE]")
			.withMessageContaining("ipc.shm.channels.owned.permissions");
		assertThatCode(() -> FileOwnerCheck.check(client(file, "rw-rw-rw-", null), file)).doesNotThrowAnyException();
	}

	@Test
	void aFileOfAnotherUserShouldBeRefusedUnlessItIsTheServerUser() throws Exception {
		Path file = Files.createFile(this.directory.resolve("theirs"));
		UserPrincipal nobody;
		try {
			nobody = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
			Files.setOwner(file, nobody);
		}
		catch (Exception ex) {
			assumeTrue(false, "changing a file's owner needs root and a user nobody: " + ex);
			return;
		}
		assertThatExceptionOfType(ShmFileException.class)
			.isThrownBy(() -> FileOwnerCheck.check(client(file, "rw-------", null), file))
			.withMessageContaining("is owned by nobody")
			.withMessageContaining("ipc.shm.channels.owned.server-user");
		assertThatCode(() -> FileOwnerCheck.check(client(file, "rw-------", "nobody"), file)).doesNotThrowAnyException();
	}

}
