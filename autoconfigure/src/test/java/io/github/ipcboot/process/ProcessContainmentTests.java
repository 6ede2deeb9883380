package io.github.ipcboot.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.ipcboot.TestThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests that no descendant outlives its run, with real processes: whatever a run leaves behind
 * when its root exits (background children, double forks, children that left the process group
 * with {@code setsid}, children forked while the tree is being killed) is terminated before the
 * result is returned, and every root leads a process group of its own. Linux only, as the
 * mechanisms are.
 */
@Timeout(120)
class ProcessContainmentTests {

	private final Sleepers sleepers = new Sleepers();

	private final SignalRecorder signals = new SignalRecorder();

	private final DefaultProcessService service = TestLaunchers.builder()
		.listener(this.signals)
		.terminationGrace(Duration.ofMillis(500))
		.outputDrainTimeout(Duration.ofSeconds(30))
		.virtualThreads(false)
		.containDescendants("daemon", false)
		.command(CommandDefinition.of("daemon", "sh", "-c").withAllowedArgs(".*"))
		.build();

	@TempDir
	Path directory;

	@AfterEach
	void close() {
		this.service.close();
		this.sleepers.killAll();
	}

	@Test
	void rootShouldLeadAProcessGroupAndSessionOfItsOwn() throws Exception {
		RunningProcess process = this.service
			.start(ProcessSpec.builder("sleep", this.sleepers.duration()).check(false).build());
		try {
			// once the program runs (the JDK's launcher passes through jspawnhelper and setsid)
			await().atMost(Duration.ofSeconds(20)).until(() -> this.sleepers.running().size() == 1);
			long[] ids = groupAndSession(process.pid());
			long[] jvm = groupAndSession(ProcessHandle.current().pid());
			assertThat(ids[0]).as("process group").isEqualTo(process.pid()).isNotEqualTo(jvm[0]);
			assertThat(ids[1]).as("session").isEqualTo(process.pid()).isNotEqualTo(jvm[1]);
		}
		finally {
			process.cancel();
			process.await();
		}
		assertThat(this.service.getContainment()).isEqualTo("process-group+marker" + TestLaunchers.orphanAdoption());
	}

	@Test
	void backgroundChildOfARunThatExitsNormallyShouldBeTerminated() {
		assertLeftoversTerminated("(" + this.sleepers.command() + " &); echo started");
	}

	@Test
	void childThatLeftTheProcessGroupWithSetsidShouldBeTerminated() {
		assertLeftoversTerminated("setsid " + this.sleepers.command() + " & echo started");
	}

	@Test
	void doubleForkShouldBeTerminated() {
		assertLeftoversTerminated("sh -c '" + this.sleepers.command() + "' & echo started");
	}

	@Test
	void daemonThatLeftTheGroupAndClosedThePipesShouldBeTerminatedRightAfterTheRun() {
		ProcessResult result = this.service.run(ProcessSpec
			.shell("setsid " + this.sleepers.command() + " </dev/null >/dev/null 2>&1 & echo started")
			.build());
		assertThat(result.stdoutText()).isEqualTo("started\n");
		// found by its marker in the look at /proc that follows the result
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(this.signals.signals()).contains(ProcessSignal.SIGTERM);
			assertThat(this.sleepers.running()).isEmpty();
		});
	}

	@Test
	void leftoverHoldingThePipesAndIgnoringSigtermShouldBeKilledAndReleaseThePumps() {
		long pumpsBefore = pumpThreads();
		CompletableFuture<ProcessResult> run = TestThreads.supplyAsync(() -> this.service
			.run(ProcessSpec.shell("(trap '' TERM; " + this.sleepers.command() + ") & echo started").build()));
		// the drain timeout is 30 s: only the kill of the leftover can end the run sooner
		ProcessResult result = await().atMost(Duration.ofSeconds(20)).until(() -> run.getNow(null), (r) -> r != null);
		assertThat(result.stdoutText()).isEqualTo("started\n");
		assertThat(result.outcome()).isEqualTo(ProcessOutcome.SUCCESS);
		assertThat(this.sleepers.running()).isEmpty();
		await().atMost(Duration.ofSeconds(20)).until(() -> pumpThreads() <= pumpsBefore);
	}

	@Test
	void childForkedWhileTheTreeIsKilledShouldBeKilledToo() throws Exception {
		// on SIGTERM the root starts a child that leaves the group and ignores SIGTERM, then exits
		Path script = script("trap 'setsid sh -c \"trap \\\"\\\" TERM; " + this.sleepers.command()
				+ "\" & exit 0' TERM\necho ready\nwhile :; do sleep 0.05; done\n");
		ProcessResult result = this.service
			.run(ProcessSpec.builder(script.toString()).timeout(Duration.ofSeconds(1)).check(false).build());
		assertThat(result.outcome()).isEqualTo(ProcessOutcome.TIMED_OUT);
		assertThat(result.stdoutText()).isEqualTo("ready\n");
		assertThat(this.sleepers.running()).isEmpty();
	}

	@Test
	void cancelledRunShouldTakeTheChildrenThatLeftItsGroupAlong() {
		RunningProcess process = this.service.start(ProcessSpec
			.shell("setsid " + this.sleepers.command() + " & sh -c '" + this.sleepers.command() + "' & wait")
			.check(false)
			.build());
		await().atMost(Duration.ofSeconds(20)).until(() -> this.sleepers.running().size() == 2);
		process.cancel();
		assertThat(process.await().outcome()).isEqualTo(ProcessOutcome.CANCELLED);
		assertThat(this.sleepers.running()).isEmpty();
	}

	@Test
	void closeShouldTerminateEveryProcessOfEveryRun() {
		this.service.start(ProcessSpec.shell("setsid " + this.sleepers.command() + " & wait").check(false).build());
		await().atMost(Duration.ofSeconds(20)).until(() -> this.sleepers.running().size() == 1);
		this.service.close();
		assertThat(this.sleepers.running()).isEmpty();
	}

	@Test
	void commandThatStartsDaemonsOnPurposeShouldKeepThem() {
		ProcessResult result = this.service
			.run(this.service.command("daemon", List.of("setsid " + this.sleepers.command() + " >/dev/null 2>&1 &"))
				.build());
		assertThat(result.outcome()).isEqualTo(ProcessOutcome.SUCCESS);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.sleepers.running().size() == 1);
	}

	@Test
	void serviceWithoutContainmentShouldLeaveDescendantsOfANormalExitAlone() {
		try (DefaultProcessService free = TestLaunchers.builder().containDescendants(false).build()) {
			assertThat(free.isContainDescendants()).isFalse();
			assertThat(free.getContainment()).isEqualTo("process-group");
			free.run(ProcessSpec.shell("(" + this.sleepers.command() + " >/dev/null &); echo started").build());
			await().atMost(Duration.ofSeconds(20)).until(() -> this.sleepers.running().size() == 1);
		}
	}

	private void assertLeftoversTerminated(String script) {
		ProcessResult result = this.service.run(ProcessSpec.shell(script).build());
		assertThat(result.outcome()).isEqualTo(ProcessOutcome.SUCCESS);
		assertThat(result.stdoutText()).isEqualTo("started\n");
		assertThat(this.sleepers.running()).as("leftovers once run() returned").isEmpty();
	}

	private Path script(String body) throws IOException {
		Path script = this.directory.resolve("script.sh");
		Files.writeString(script, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
		return script;
	}

	/**
	 * Reads the process group and session ids from {@code /proc/<pid>/stat}.
	 */
	static long[] groupAndSession(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.ISO_8859_1);
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return new long[] { Long.parseLong(fields[2]), Long.parseLong(fields[3]) };
	}

	private static long pumpThreads() {
		return Thread.getAllStackTraces()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().getName().startsWith("ipc-process-")
					&& !entry.getKey().getName().startsWith("ipc-process-timer"))
			.filter((entry) -> List.of(entry.getValue())
				.stream()
				.anyMatch((frame) -> frame.getClassName().equals(OutputPump.class.getName())))
			.count();
	}

}
