package io.github.ipcboot.shm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a server finds at its path: nothing, a stale file of a killed owner, the file of a live
 * owner, or something that is not a channel file; and a header that does not fit its file.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShmFileLifecycleTests {

	@TempDir
	Path directory;

	private static long deadPid() throws Exception {
		Process process = new ProcessBuilder("true").start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return process.pid();
	}

	private static void leaveFileOf(ShmChannelSettings settings, long pid, long heartbeat) {
		ShmFile file = ShmFile.create(settings, pid);
		file.header().heartbeat(ShmRole.SERVER, heartbeat);
		file.close();
	}

	@Test
	void aFileLeftByAKilledOwnerShouldBeReplaced(CapturedOutput output) throws Exception {
		Path path = this.directory.resolve("stale");
		ShmChannelSettings settings = ShmTestChannels.settings("stale", ShmRole.SERVER, path);
		long dead = deadPid();
		leaveFileOf(settings, dead, System.currentTimeMillis());
		ShmServerChannel server = ShmTestChannels.server(settings, (text) -> text);
		server.start();
		try (ShmFile file = ShmFile.open(path)) {
			assertThat(file.header().pid(ShmRole.SERVER)).isEqualTo(ProcessHandle.current().pid());
			assertThat(output).contains("Replacing the stale file " + path, "process " + dead + ", is gone");
		}
		finally {
			server.stop();
		}
		assertThat(path).doesNotExist();
	}

	@Test
	void aFileOfALiveOwnerWithAStaleHeartbeatShouldBeReplaced() {
		Path path = this.directory.resolve("hung");
		ShmChannelSettings settings = ShmTestChannels.settings("hung", ShmRole.SERVER, path);
		leaveFileOf(settings, ProcessHandle.current().pid(), System.currentTimeMillis() - 60_000);
		ShmServerChannel server = ShmTestChannels.server(settings, (text) -> text);
		server.start();
		server.stop();
		assertThat(path).doesNotExist();
	}

	@Test
	void aFileOfALiveOwnerShouldFailTheStartAndStayInPlace() {
		Path path = this.directory.resolve("taken");
		ShmChannelSettings settings = ShmTestChannels.settings("taken", ShmRole.SERVER, path);
		ShmServerChannel first = ShmTestChannels.server(settings, (text) -> text);
		first.start();
		try {
			ShmServerChannel second = ShmTestChannels.server(settings, (text) -> text);
			assertThatExceptionOfType(ShmFileException.class).isThrownBy(second::start)
				.withMessageContaining("owned by the live process " + ProcessHandle.current().pid());
			assertThat(path).exists();
		}
		finally {
			first.stop();
		}
	}

	@Test
	void somethingThatIsNotAChannelFileShouldNeverBeRemoved() throws Exception {
		Path path = this.directory.resolve("notes.txt");
		Files.writeString(path, "not a channel file, not even 128 bytes long");
		ShmServerChannel server = ShmTestChannels.server(ShmTestChannels.settings("notes", ShmRole.SERVER, path),
				(text) -> text);
		assertThatExceptionOfType(ShmFileException.class).isThrownBy(server::start)
			.withMessageContaining("not a channel file is in the way of channel 'notes'");
		assertThat(path).hasContent("not a channel file, not even 128 bytes long");
	}

	@Test
	void aSquattedTemporaryNameShouldNotKeepTheServerFromStarting() throws Exception {
		Path path = this.directory.resolve("prices");
		// the name the server once used, taken by something nobody, root included, can delete
		Path squatted = Files.createDirectory(path.resolveSibling("prices.tmp-" + ProcessHandle.current().pid()));
		Files.writeString(squatted.resolve("keep"), "squatted");
		ShmServerChannel server = ShmTestChannels.server(ShmTestChannels.settings("prices", ShmRole.SERVER, path),
				(text) -> text);
		server.start();
		try (ShmFile file = ShmFile.open(path)) {
			assertThat(file.header().pid(ShmRole.SERVER)).isEqualTo(ProcessHandle.current().pid());
			try (Stream<Path> entries = Files.list(this.directory)) {
				assertThat(entries).containsExactlyInAnyOrder(path, squatted);
			}
		}
		finally {
			server.stop();
		}
	}

	@Test
	void aFileAnotherUserOwnsShouldFailTheStartNamingTheOwner() throws Exception {
		Path path = this.directory.resolve("owned");
		ShmChannelSettings settings = ShmTestChannels.settings("owned", ShmRole.SERVER, path);
		leaveFileOf(settings, deadPid(), System.currentTimeMillis());
		try {
			Files.setOwner(path, FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
		}
		catch (IOException ex) {
			Assumptions.abort("cannot give " + path + " to the user nobody without root: " + ex);
		}
		ShmServerChannel server = ShmTestChannels.server(settings, (text) -> text);
		assertThatExceptionOfType(ShmFileException.class).isThrownBy(server::start)
			.withMessageContaining("The file " + path + " in the way of channel 'owned' is owned by the user nobody, not"
					+ " by this service's user " + FileOwnerCheck.processOwner().getName());
		assertThat(Files.getOwner(path).getName()).isEqualTo("nobody");
	}

	@Test
	void aHeaderWhoseRingsDoNotFitTheFileShouldBeRefusedBeforeAnyRingIsMapped() {
		Path path = this.directory.resolve("lying");
		ShmChannelSettings settings = ShmTestChannels.settings("lying", ShmRole.SERVER, path);
		ShmFile.create(settings, ProcessHandle.current().pid()).close();
		overwriteInt(path, ShmLayout.REQUEST_CAPACITY_OFFSET, 1 << 20);
		assertThatExceptionOfType(ShmFileException.class).isThrownBy(() -> ShmFile.open(path))
			.withMessageContaining("declares rings of 1048576 and 65536 bytes");
		overwriteInt(path, ShmLayout.REQUEST_CAPACITY_OFFSET, 65536);
		overwriteInt(path, ShmLayout.MAX_MESSAGE_SIZE_OFFSET, Integer.MAX_VALUE);
		assertThatExceptionOfType(ShmFileException.class).isThrownBy(() -> ShmFile.open(path))
			.withMessageContaining("max message size of " + Integer.MAX_VALUE);
		overwriteInt(path, 0, 0x12345678);
		assertThatExceptionOfType(ShmFileException.class).isThrownBy(() -> ShmFile.open(path))
			.withMessageContaining("magic 0x12345678");
	}

	private static void overwriteInt(Path path, int offset, int value) {
		try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
			ByteBuffer bytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
			bytes.putInt(value).flip();
			channel.write(bytes, offset);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
