package io.github.ipcboot.process.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.ipcboot.process.CommandDefinition;
import io.github.ipcboot.process.DefaultProcessService;
import io.github.ipcboot.process.TestLaunchers;
import io.github.ipcboot.process.ProcessCancelledException;
import io.github.ipcboot.process.ProcessRegistry;
import io.github.ipcboot.process.ProcessSpec;
import io.github.ipcboot.process.ProcessState;
import io.github.ipcboot.process.RunningProcess;
import io.github.ipcboot.process.actuate.ProcessesEndpoint.CancellationDescriptor;
import io.github.ipcboot.process.actuate.ProcessesEndpoint.ProcessDescriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ProcessesEndpoint}.
 */
@Timeout(30)
class ProcessesEndpointTests {

	private final ProcessRegistry registry = new ProcessRegistry();

	private final DefaultProcessService service = TestLaunchers.builder()
		.registry(this.registry)
		.terminationGrace(Duration.ofSeconds(2))
		.command(new CommandDefinition("login", List.of("sleep"), null, Map.of(), null, Pattern.compile("[0-9]+"), 0,
				true))
		.build();

	@AfterEach
	void close() {
		this.service.close();
	}

	@Test
	void processesShouldListRunningProcessesWithSensitiveArgumentsRedacted() {
		RunningProcess named = this.service.start("login", "1000");
		RunningProcess adhoc = this.service.start(ProcessSpec.of("sleep", "1000"));
		Clock later = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(5));
		ProcessesEndpoint endpoint = new ProcessesEndpoint(this.registry, later);
		assertThat(endpoint.processes().processes()).hasSize(2).anySatisfy((process) -> {
			assertThat(process.pid()).isEqualTo(named.pid());
			assertThat(process.command()).isEqualTo("login");
			assertThat(process.args()).containsExactly("sleep", "******");
			assertThat(process.state()).isEqualTo(ProcessState.RUNNING);
			assertThat(process.startedAt()).isBefore(later.instant());
			assertThat(process.duration()).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(10));
		}).anySatisfy((process) -> {
			assertThat(process.pid()).isEqualTo(adhoc.pid());
			assertThat(process.command()).isEqualTo("adhoc");
			assertThat(process.args()).containsExactly("sleep", "1000");
		});
	}

	@Test
	void processShouldDescribeOneProcessOrNothing() {
		RunningProcess process = this.service.start(ProcessSpec.of("sleep", "1000"));
		ProcessesEndpoint endpoint = new ProcessesEndpoint(this.registry);
		ProcessDescriptor descriptor = endpoint.process(process.pid());
		assertThat(descriptor).isNotNull();
		assertThat(descriptor.pid()).isEqualTo(process.pid());
		assertThat(endpoint.process(unknownPid())).isNull();
	}

	@Test
	void cancelShouldTerminateTheProcess() {
		RunningProcess process = this.service.start(ProcessSpec.of("sleep", "1000"));
		ProcessesEndpoint endpoint = new ProcessesEndpoint(this.registry);
		CancellationDescriptor cancellation = endpoint.cancel(process.pid());
		assertThat(cancellation.cancelled()).isTrue();
		assertThat(cancellation.message())
			.isEqualTo("Cancelled pid " + process.pid() + " (adhoc): SIGTERM sent to its process tree");
		assertThatExceptionOfType(ProcessCancelledException.class).isThrownBy(process::await);
		assertThat(endpoint.processes().processes()).isEmpty();
	}

	@Test
	void cancelWhenProcessIsBeingTerminatedShouldSaySo() throws InterruptedException {
		// ignored signals stay ignored across exec: the sleep waits for SIGKILL after the grace
		CountDownLatch trapped = new CountDownLatch(1);
		RunningProcess process = this.service.start(ProcessSpec.shell("trap '' TERM; echo trapped; sleep 1000")
			.onStdoutLine((line) -> trapped.countDown())
			.build());
		// a TERM that arrived before the trap would end the shell at once
		assertThat(trapped.await(10, TimeUnit.SECONDS)).isTrue();
		ProcessesEndpoint endpoint = new ProcessesEndpoint(this.registry);
		assertThat(endpoint.cancel(process.pid()).cancelled()).isTrue();
		assertThat(endpoint.process(process.pid())).extracting(ProcessDescriptor::state)
			.isEqualTo(ProcessState.TERMINATING);
		CancellationDescriptor again = endpoint.cancel(process.pid());
		assertThat(again.cancelled()).isFalse();
		assertThat(again.message())
			.isEqualTo("Pid " + process.pid() + " (adhoc) is already being terminated or has finished");
		assertThatExceptionOfType(ProcessCancelledException.class).isThrownBy(process::await);
	}

	@Test
	void cancelWhenPidIsUnknownShouldSaySo() {
		long pid = unknownPid();
		CancellationDescriptor cancellation = new ProcessesEndpoint(this.registry).cancel(pid);
		assertThat(cancellation.cancelled()).isFalse();
		assertThat(cancellation.message()).isEqualTo("No running process has pid " + pid);
	}

	@Test
	void processesWhenClockIsBehindShouldNotReportNegativeDuration() {
		this.service.start(ProcessSpec.of("sleep", "1000"));
		Clock past = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
		assertThat(new ProcessesEndpoint(this.registry, past).processes().processes())
			.singleElement()
			.satisfies((process) -> assertThat(process.duration()).isZero());
	}

	private static long unknownPid() {
		return ProcessHandle.current().pid();
	}

}
