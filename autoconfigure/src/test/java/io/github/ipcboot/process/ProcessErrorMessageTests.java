package io.github.ipcboot.process;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests that the exceptions of failed runs explain themselves: their message ends with the last
 * lines of standard error, bounded and redacted like the arguments.
 */
@Timeout(60)
class ProcessErrorMessageTests {

	private final DefaultProcessService service = DefaultProcessService.builder()
		.terminationGrace(Duration.ofMillis(500))
		.build();

	@AfterEach
	void close() {
		this.service.close();
	}

	@Test
	void failedRunShouldShowTheLastLinesOfStderrWithSecretsRedacted() {
		ProcessSpec spec = ProcessSpec
			.shell("seq 7001 3 7010; i=1; while [ $i -le 20 ]; do echo \"line $i\" >&2; i=$((i+1)); done; "
					+ "echo \"fatal: login refused with $1 (${1#--password=})\" >&2; exit 2")
			.sensitiveArg("--password=hunter2")
			.build();
		assertThatExceptionOfType(ProcessFailedException.class).isThrownBy(() -> this.service.run(spec))
			.satisfies((ex) -> {
				String message = ex.getMessage();
				assertThat(message).contains("exited with code 2")
					.contains("; stderr (last 10 lines):\n    line 12\n    line 13\n")
					.endsWith("\n    line 20\n    fatal: login refused with ****** (******)")
					.doesNotContain("hunter2")
					.doesNotContain("line 11\n")
					.as("stdout is not shown").doesNotContain("7004");
			});
	}

	@Test
	void longStderrShouldBeBoundedInTheMessage() {
		ProcessSpec spec = ProcessSpec.shell("head -c 100000 /dev/zero | tr '\\0' x >&2; exit 1").build();
		assertThatExceptionOfType(ProcessFailedException.class).isThrownBy(() -> this.service.run(spec))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).contains("; stderr (last 1 line):\n    " + "x".repeat(300) + "...");
				assertThat(ex.getMessage()).hasSizeLessThan(StderrExcerpt.MAX_CHARS + 500);
			});
	}

	@Test
	void timeoutShouldShowTheLastLinesOfStderr() {
		ProcessSpec spec = ProcessSpec.shell("echo 'waiting for the lock on orders' >&2; exec sleep 1000")
			.timeout(Duration.ofMillis(500))
			.build();
		assertThatExceptionOfType(ProcessTimeoutException.class).isThrownBy(() -> this.service.run(spec))
			.withMessageEndingWith("; stderr (last 1 line):\n    waiting for the lock on orders");
	}

	@Test
	void runWithoutStderrShouldKeepTheMessageOnOneLine() {
		assertThatExceptionOfType(ProcessFailedException.class)
			.isThrownBy(() -> this.service.run(ProcessSpec.shell("echo quiet; exit 4").build()))
			.withMessageEndingWith("ms")
			.withMessageNotContaining("\n");
	}

	@Test
	void cancelWithoutCheckShouldGiveTheCancelledResultWithoutAnException() {
		RunningProcess process = this.service.start(ProcessSpec.shell("echo 'going to sleep' >&2; exec sleep 1000")
			.noTimeout()
			.check(false)
			.build());
		await().atMost(Duration.ofSeconds(30)).until(() -> process.info().state() == ProcessState.RUNNING);
		assertThat(process.cancel()).isTrue();
		ProcessResult result = process.await();
		assertThat(result.outcome()).isEqualTo(ProcessOutcome.CANCELLED);
		assertThat(process.onExit()).isCompletedWithValue(result);
		assertThatExceptionOfType(ProcessCancelledException.class).isThrownBy(result::check)
			.withMessageContaining("was cancelled");
	}

	@Test
	void redactShouldReplaceSensitiveArgumentsAndTheirValues() {
		CommandLine command = new CommandLine(List.of("psql", "--user=bob", "--password=hunter2", "token", ""),
				Set.of(2, 3, 4));
		assertThat(command.redact("bob used --password=hunter2, then hunter2 and a token"))
			.isEqualTo("bob used ******, then ****** and a ******");
	}

}
