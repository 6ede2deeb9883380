package io.github.ipcboot.process;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DefaultProcessService} running real programs: results, exit codes, signals,
 * start failures, arguments, environment and working directory.
 */
@Timeout(30)
class DefaultProcessServiceTests {

	private final DefaultProcessService service = TestLaunchers.builder()
		.terminationGrace(Duration.ofSeconds(1))
		.defaultTimeout(Duration.ofSeconds(20))
		.build();

	@AfterEach
	void close() {
		this.service.close();
	}

	@Test
	void runShouldCaptureOutputExitCodeAndTiming() {
		ProcessResult result = this.service.run(ProcessSpec.shell("echo out; echo err >&2").build());
		assertThat(result.outcome()).isEqualTo(ProcessOutcome.SUCCESS);
		assertThat(result.exitCode()).isZero();
		assertThat(result.signal()).isNull();
		assertThat(result.stdoutText()).isEqualTo("out\n");
		assertThat(result.stderrText()).isEqualTo("err\n");
		assertThat(result.stdout().bytes()).isEqualTo("out\n".getBytes(StandardCharsets.US_ASCII));
		assertThat(result.stdout().truncated()).isFalse();
		assertThat(result.stdout().totalBytes()).isEqualTo(4);
		assertThat(result.pid()).isPositive();
		assertThat(result.startTime()).isNotNull();
		assertThat(result.duration()).isPositive();
		assertThat(result.command().argv()).containsExactly("/bin/sh", "-c", "echo out; echo err >&2", "sh");
	}

	@Test
	void runWhenExitCodeIsNotAllowedShouldRaiseExceptionCarryingResult() {
		assertThatExceptionOfType(ProcessFailedException.class)
			.isThrownBy(() -> this.service.run(ProcessSpec.shell("echo partial; echo why >&2; exit 3").build()))
			.withMessageContaining("exited with code 3")
			.satisfies((ex) -> {
				assertThat(ex.getResult().outcome()).isEqualTo(ProcessOutcome.FAILED);
				assertThat(ex.getResult().exitCode()).isEqualTo(3);
				assertThat(ex.getResult().stdoutText()).isEqualTo("partial\n");
				assertThat(ex.getResult().stderrText()).isEqualTo("why\n");
			});
	}

	@Test
	void runWhenExitCodeIsInAllowListShouldSucceed() {
		ProcessResult result = this.service.run(ProcessSpec.shell("exit 1").allowedExitCodes(0, 1).build());
		assertThat(result.outcome()).isEqualTo(ProcessOutcome.SUCCESS);
		assertThat(result.exitCode()).isEqualTo(1);
	}

	@Test
	void runWithoutCheckShouldReturnFailedResult() {
		ProcessResult result = this.service.run(ProcessSpec.shell("exit 2").check(false).build());
		assertThat(result.outcome()).isEqualTo(ProcessOutcome.FAILED);
		assertThat(result.exitCode()).isEqualTo(2);
		assertThatExceptionOfType(ProcessFailedException.class).isThrownBy(result::check);
	}

	@Test
	void runWhenKilledBySignalShouldReportSignal() {
		ProcessResult result = this.service.run(ProcessSpec.shell("kill -9 $$").check(false).build());
		assertThat(result.outcome()).isEqualTo(ProcessOutcome.FAILED);
		assertThat(result.exitCode()).isEqualTo(137);
		assertThat(result.signal()).isEqualTo(ProcessSignal.SIGKILL);
		assertThat(result.signal().name()).isEqualTo("SIGKILL");
		assertThatExceptionOfType(ProcessFailedException.class).isThrownBy(result::check)
			.withMessageContaining("killed by SIGKILL (exit code 137)");
	}

	@Test
	void runWhenExecutableIsMissingShouldReportStartFailedWithReason() {
		assertThatExceptionOfType(ProcessStartException.class)
			.isThrownBy(() -> this.service.run(ProcessSpec.of("/nonexistent/program", "arg")))
			.withMessageContaining("No such file or directory")
			.satisfies((ex) -> {
				assertThat(ex.getResult().outcome()).isEqualTo(ProcessOutcome.START_FAILED);
				assertThat(ex.getResult().pid()).isEqualTo(-1);
				assertThat(ex.getResult().failureReason()).startsWith("Cannot run program \"/nonexistent/program\"")
					.contains("No such file or directory");
			});
		assertThat(this.service.getRegistry().size()).isZero();
	}

	@Test
	void runWhenFileIsNotExecutableShouldReportStartFailedWithReason(@TempDir Path directory) throws Exception {
		Path script = Files.writeString(directory.resolve("script.sh"), "#!/bin/sh\necho hi\n");
		ProcessResult result = this.service.run(ProcessSpec.builder(script.toString()).check(false).build());
		assertThat(result.outcome()).isEqualTo(ProcessOutcome.START_FAILED);
		assertThat(result.failureReason()).contains("Permission denied");
	}

	@Test
	void startWhenExecutableIsMissingAndUncheckedShouldReturnFinishedHandle() {
		RunningProcess process = this.service.start(ProcessSpec.builder("/nonexistent/program").check(false).build());
		assertThat(process.isRunning()).isFalse();
		assertThat(process.onExit()).isCompletedWithValueMatching(
				(result) -> result.outcome() == ProcessOutcome.START_FAILED);
	}

	@Test
	void runShouldPassHostileArgumentsVerbatim() {
		List<String> hostile = List.of("with space", "'single'", "\"double\"", "$(touch /tmp/pwned)", "a; rm -rf /",
				"`id`", "*", "$HOME", "back\\slash", "");
		ProcessResult result = this.service
			.run(ProcessSpec.builder("/usr/bin/printf").args("%s\\n").args(hostile).build());
		assertThat(result.stdout().lines()).containsExactlyElementsOf(hostile);
	}

	@Test
	void shellShouldPassExtraArgumentsAsPositionalParameters() {
		ProcessResult result = this.service.run(ProcessSpec.shell("printf '%s|' \"$@\"").args("a b", "$(id)").build());
		assertThat(result.stdoutText()).isEqualTo("a b|$(id)|");
	}

	@Test
	void runShouldApplyEnvironmentChanges() {
		ProcessResult result = this.service.run(ProcessSpec.builder("/usr/bin/env")
			.environment("IPC_ADDED", "yes")
			.removeEnvironment("HOME")
			.build());
		assertThat(result.stdout().lines()).contains("IPC_ADDED=yes").noneMatch((line) -> line.startsWith("HOME="));
		assertThat(result.stdout().lines()).anyMatch((line) -> line.startsWith("PATH="));
	}

	@Test
	void runWithCleanEnvironmentShouldPassOnlyGivenVariablesAndTheRunMarker() {
		ProcessResult result = this.service
			.run(ProcessSpec.builder("/usr/bin/env").cleanEnvironment().environment("ONLY", "this").build());
		// besides the marker that finds descendants which leave the run's process group (Linux only)
		assertThat(result.stdout().lines())
			.filteredOn((line) -> !line.startsWith(ProcessContainment.MARKER_VARIABLE + "="))
			.containsExactly("ONLY=this");
	}

	@Test
	void runShouldUseWorkingDirectory(@TempDir Path directory) {
		ProcessResult result = this.service.run(ProcessSpec.builder("/bin/pwd").directory(directory).build());
		assertThat(Path.of(result.stdoutText().strip())).isEqualTo(directory.toAbsolutePath());
	}

	@Test
	void resultToStringShouldRedactSensitiveArguments() {
		ProcessResult result = this.service
			.run(ProcessSpec.builder("/bin/echo", "--user", "bob").sensitiveArg("--password=hunter2").build());
		assertThat(result.stdoutText()).contains("hunter2");
		assertThat(result.toString()).contains("bob").doesNotContain("hunter2").contains(CommandLine.REDACTED);
		assertThat(result.command().argv()).contains("--password=hunter2");
	}

	@Test
	void failureMessageShouldRedactSensitiveArguments() {
		assertThatExceptionOfType(ProcessFailedException.class)
			.isThrownBy(() -> this.service.run(ProcessSpec.builder("/bin/sh", "-c", "exit 1").sensitiveArg("s3cret").build()))
			.withMessageNotContaining("s3cret");
	}

}
