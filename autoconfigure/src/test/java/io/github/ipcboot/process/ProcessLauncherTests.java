package io.github.ipcboot.process;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
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
