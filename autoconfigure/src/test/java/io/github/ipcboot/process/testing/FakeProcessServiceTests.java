package io.github.ipcboot.process.testing;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.ipcboot.process.ProcessFailedException;
import io.github.ipcboot.process.ProcessOutcome;
import io.github.ipcboot.process.ProcessResult;
import io.github.ipcboot.process.ProcessSignal;
import io.github.ipcboot.process.ProcessSpec;
import io.github.ipcboot.process.ProcessStartException;
import io.github.ipcboot.process.ProcessTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link FakeProcessService}.
 */
class FakeProcessServiceTests {

	private final FakeProcessService processes = new FakeProcessService();

	@Test
	void runShouldAnswerWithScriptedResponseAndRecordTheSpec() {
		this.processes.when("git", "status").thenReturn(FakeResponse.success("clean\n"));
		ProcessResult result = this.processes.run(ProcessSpec.of("git", "status", "--short"));
		assertThat(result.outcome()).isEqualTo(ProcessOutcome.SUCCESS);
		assertThat(result.stdoutText()).isEqualTo("clean\n");
		assertThat(result.pid()).isPositive();
		assertThat(this.processes.invocations()).extracting((spec) -> spec.command().argv())
			.containsExactly(List.of("git", "status", "--short"));
	}

	@Test
	void outputWithATargetShouldBeWrittenThereAndNotCaptured() {
		java.io.ByteArrayOutputStream dump = new java.io.ByteArrayOutputStream();
		this.processes.when("pg_dump").thenReturn(FakeResponse.success("DUMP"));
		ProcessResult result = this.processes.run(ProcessSpec.builder("pg_dump", "orders").stdoutTo(dump).build());
		assertThat(dump.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("DUMP");
		assertThat(result.stdout().totalBytes()).isEqualTo(4);
		assertThat(result.stdout().head()).isEmpty();
	}

	@Test
	void latestMatchingScriptShouldWin() {
		this.processes.when("git").thenReturn(FakeResponse.exit(1));
		this.processes.when("git", "log").thenReturn(FakeResponse.success("log"));
		assertThat(this.processes.run(ProcessSpec.of("git", "log")).stdoutText()).isEqualTo("log");
		assertThatExceptionOfType(ProcessFailedException.class)
			.isThrownBy(() -> this.processes.run(ProcessSpec.of("git", "push")));
	}

	@Test
	void runShouldKeepTheCheckSemanticsOfTheRealService() {
		this.processes.when("crash").thenReturn(FakeResponse.exit(137).withStderr("oom"));
		this.processes.when("slow").thenReturn(FakeResponse.timeout());
		this.processes.when("missing").thenReturn(FakeResponse.startFailure("error=2, No such file or directory"));
		ProcessResult crash = this.processes.run(ProcessSpec.builder("crash").check(false).build());
		assertThat(crash.signal()).isEqualTo(ProcessSignal.SIGKILL);
		assertThat(crash.stderrText()).isEqualTo("oom");
		assertThatExceptionOfType(ProcessTimeoutException.class)
			.isThrownBy(() -> this.processes.run(ProcessSpec.of("slow")));
		assertThatExceptionOfType(ProcessStartException.class)
			.isThrownBy(() -> this.processes.start(ProcessSpec.of("missing")))
			.withMessageContaining("No such file or directory");
	}

	@Test
	void lineListenersShouldReceiveScriptedOutput() {
		this.processes.when("tail").thenAnswer((spec) -> FakeResponse.success("a\r\nb\n").withStderr("warn\n"));
		List<String> out = new ArrayList<>();
		List<String> err = new ArrayList<>();
		this.processes.start(ProcessSpec.builder("tail").onStdoutLine(out::add).onStderrLine(err::add).build()).await();
		assertThat(out).containsExactly("a", "b");
		assertThat(err).containsExactly("warn");
	}

	@Test
	void namedCommandShouldRunAsNameAndArguments() {
		this.processes.when("backup", "db1").thenReturn(FakeResponse.success("done"));
		ProcessResult result = this.processes.run("backup", "db1");
		assertThat(result.name()).isEqualTo("backup");
		assertThat(result.stdoutText()).isEqualTo("done");
	}

	@Test
	void runWithoutScriptShouldFailClearly() {
		assertThatIllegalStateException().isThrownBy(() -> this.processes.run(ProcessSpec.of("ls")))
			.withMessageContaining("no response scripted for [ls]");
	}

}
