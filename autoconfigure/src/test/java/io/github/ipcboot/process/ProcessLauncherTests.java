package io.github.ipcboot.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for choosing the launcher: the native one where the JDK has the Foreign Function &amp;
 * Memory API, a clear failure where it was required but cannot run, and the JDK's launcher
 * through {@code setsid} still reporting a missing program as a failed start.
 */
class ProcessLauncherTests {

	@Test
	@EnabledForJreRange(min = JRE.JAVA_22)
	void nativeLauncherShouldRunOnJdk22AndLater() {
		try (DefaultProcessService service = DefaultProcessService.builder().launcher(LauncherType.NATIVE).build()) {
			assertThat(service.getLauncher()).isEqualTo("native");
			assertThat(service.run(ProcessSpec.of("/bin/echo", "native")).stdoutText()).isEqualTo("native\n");
		}
		try (DefaultProcessService service = DefaultProcessService.builder().build()) {
			assertThat(service.getLauncher()).as("auto").isEqualTo("native");
		}
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_22)
	void nativeChildWhoseReaperCannotStartShouldBeKilledReapedAndForgotten() throws Exception {
		Set<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
		List<ProcessHandle> spawned = new CopyOnWriteArrayList<>();
		Executor failing = (reaper) -> {
			ProcessHandle.current()
				.children()
				.filter((child) -> !before.contains(child.pid()) && LaunchedChildren.contains(child.pid()))
				.forEach(spawned::add);
			throw new RejectedExecutionException("no reaper thread (test)");
		};
		ProcessLauncher launcher = (ProcessLauncher) Class.forName(ProcessLaunchers.NATIVE_LAUNCHER)
			.getDeclaredMethod("withReapers", Executor.class)
			.invoke(null, failing);
		try {
			assertThatExceptionOfType(RejectedExecutionException.class)
				.isThrownBy(() -> launcher.launch(ProcessSpec.of("/bin/sleep", "29.7"), null));
			assertThat(spawned).as("the child, tracked when its reaper was to start").hasSize(1);
			long pid = spawned.get(0).pid();
			assertThat(LaunchedChildren.contains(pid)).as("pid %d still tracked", pid).isFalse();
			assertThat(ProcessHandle.of(pid)).as("pid %d killed and reaped", pid).isEmpty();
		}
		finally {
			spawned.forEach(ProcessHandle::destroyForcibly);
		}
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_21)
	void nativeLauncherShouldFailClearlyBeforeJdk22AndAutoShouldFallBack() {
		assertThatIllegalStateException()
			.isThrownBy(() -> DefaultProcessService.builder().launcher(LauncherType.NATIVE).build())
			.withMessageContaining("needs JDK 22 or later");
		try (DefaultProcessService service = DefaultProcessService.builder().build()) {
			assertThat(service.getLauncher()).as("auto").isEqualTo("jdk");
		}
	}

	@Test
	void jdkLauncherShouldStartEveryRootInItsOwnGroupThroughSetsid() {
		assertThat(JdkProcessLauncher.create().newProcessGroup()).isTrue();
		assertThat(JdkProcessLauncher.withoutGroups().newProcessGroup()).isFalse();
	}

	@Test
	void missingProgramOnThePathShouldFailToStartWithEveryLauncher() {
		try (DefaultProcessService service = TestLaunchers.builder().build()) {
			ProcessResult result = service.run(ProcessSpec.builder("no-such-program-ipc").check(false).build());
			assertThat(result.outcome()).isEqualTo(ProcessOutcome.START_FAILED);
			assertThat(result.failureReason())
				.isEqualTo("Cannot run program \"no-such-program-ipc\": error=2, No such file or directory");
		}
	}

	@Test
	void programWhoseExecFailsAfterTheLookUpShouldFailToStartWithEveryLauncher(@TempDir Path directory)
			throws IOException {
		// found and executable, yet exec fails (ENOENT for the interpreter): the same path as a
		// program removed between the look-up and the exec of setsid
		Path script = directory.resolve("orphaned-script");
		Files.writeString(script, "#!/no/such/interpreter\n");
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
		try (DefaultProcessService service = TestLaunchers.builder().build()) {
			ProcessResult result = service.run(ProcessSpec.builder(script.toString()).check(false).build());
			assertThat(result.outcome()).isEqualTo(ProcessOutcome.START_FAILED);
			assertThat(result.failureReason())
				.isEqualTo("Cannot run program \"" + script + "\": error=2, No such file or directory");
			assertThatExceptionOfType(ProcessStartException.class)
				.isThrownBy(() -> service.run(ProcessSpec.of(script.toString())));
		}
	}

	@Test
	void setsidsMessageShouldBeReadOnlyForItsExitCodesAndItsProgram() {
		JdkProcessLauncher launcher = JdkProcessLauncher.create();
		ProcessSpec spec = ProcessSpec.of("/opt/tool");
		CapturedOutput utilLinux = stderr("setsid: failed to execute /opt/tool: Permission denied\n");
		assertThat(launcher.execFailure(spec, 126, utilLinux))
			.isEqualTo("Cannot run program \"/opt/tool\": error=13, Permission denied");
		assertThat(launcher.execFailure(spec, 127, stderr("setsid: can't execute '/opt/tool': No such file or directory")))
			.isEqualTo("Cannot run program \"/opt/tool\": error=2, No such file or directory");
		assertThat(launcher.execFailure(spec, 1, utilLinux)).as("another exit code").isNull();
		assertThat(launcher.execFailure(ProcessSpec.of("/opt/other"), 126, utilLinux)).as("another program").isNull();
		assertThat(launcher.execFailure(spec, 127, stderr("tool: command not found\n"))).isNull();
		assertThat(launcher.execFailure(spec, 127, stderr(""))).isNull();
		assertThat(JdkProcessLauncher.withoutGroups().execFailure(spec, 126, utilLinux)).as("no setsid").isNull();
	}

	private static CapturedOutput stderr(String text) {
		return CapturedOutput.of(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
	}

	@Test
	void relativeProgramShouldBeFoundInTheWorkingDirectoryOfTheRun(@TempDir Path directory) {
		try (DefaultProcessService service = TestLaunchers.builder().defaultTimeout(Duration.ofSeconds(30)).build()) {
			ProcessResult missing = service
				.run(ProcessSpec.builder("./missing").directory(directory).check(false).build());
			assertThat(missing.outcome()).isEqualTo(ProcessOutcome.START_FAILED);
			assertThat(missing.failureReason()).contains("(in directory \"" + directory + "\")")
				.contains("No such file or directory");
			ProcessResult found = service.run(ProcessSpec.builder("../../bin/pwd").directory(Path.of("/usr/lib")).build());
			assertThat(found.stdoutText()).isEqualTo("/usr/lib\n");
		}
	}

}
