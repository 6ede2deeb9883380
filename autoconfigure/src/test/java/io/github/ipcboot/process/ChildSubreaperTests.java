package io.github.ipcboot.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests the JVM as a child subreaper (JDK 22+, Linux), with real processes: an orphan of a run
 * is re-parented to the JVM instead of init, terminated with its run, and reaped by the JVM, so
 * that it leaves no zombie behind; the reaper reads {@code /proc} only while some child is a
 * zombie; with a launcher that starts runs in the JVM's session the JVM declines to become one.
 */
@Timeout(120)
class ChildSubreaperTests {

	private static final long JVM = ProcessHandle.current().pid();

	private final Sleepers sleepers = new Sleepers();

	private final SignalRecorder signals = new SignalRecorder();

	private final DefaultProcessService service = TestLaunchers.builder()
		.listener(this.signals)
		.terminationGrace(Duration.ofMillis(500))
		.virtualThreads(false)
		.build();

	@AfterEach
	void close() {
		this.service.close();
		this.sleepers.killAll();
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_22)
	void orphanThatLeftTheGroupShouldBeReparentedToTheJvmThenKilledAndReaped() throws Exception {
		assertThat(this.service.getContainment()).endsWith("+subreaper");
		assertThat(this.service.describeLaunching()).contains("+subreaper");
		List<String> lines = new CopyOnWriteArrayList<>();
		// a double fork: the subshell starts a sleeper in a session of its own and exits at once,
		// so the sleeper is orphaned while the root still runs (it waits for a line on stdin)
		RunningProcess run = this.service.start(ProcessSpec
			.shell("(setsid " + this.sleepers.command() + " </dev/null >/dev/null 2>&1 & echo $!); read line; exit 0")
			.stdin(ProcessInput.open())
			.onStdoutLine(lines::add)
			.build());
		await().atMost(Duration.ofSeconds(20)).until(() -> lines.size() == 1);
		long orphan = Long.parseLong(lines.get(0).trim());
		await().atMost(Duration.ofSeconds(20)).until(() -> parentOf(orphan) == JVM);
		assertThat(ProcessTable.adoptedChildren()).as("the orphan is a child of the JVM's main thread").contains(orphan);
		assertThat(this.sleepers.running()).extracting(ProcessHandle::pid).containsExactly(orphan);
		run.closeStdin();
		assertThat(run.await().outcome()).isEqualTo(ProcessOutcome.SUCCESS);
		// found by its marker and terminated; then reaped by the JVM, its parent
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.signals.signals()).contains(ProcessSignal.SIGTERM);
			assertThat(this.sleepers.running()).isEmpty();
			assertThat(parentOf(orphan)).as("parent of pid %d (a zombie of the JVM until reaped)", orphan)
				.isNotEqualTo(JVM);
		});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_22)
	void serviceThatDoesNotWantASubreaperShouldNotShowOne() {
		try (DefaultProcessService plain = TestLaunchers.builder().childSubreaper(false).build();
				DefaultProcessService free = TestLaunchers.builder().containDescendants(false).build()) {
			assertThat(plain.getContainment()).isEqualTo("process-group+marker");
			assertThat(free.getContainment()).isEqualTo("process-group");
		}
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_22)
	void launcherThatStartsRunsInTheJvmSessionShouldNotMakeTheJvmASubreaperNorLeaveZombies() throws Exception {
		// without setsid the runs share the JVM's session, whose zombies the reaper leaves to
		// their starter for SESSION_LINGER; a subreaper JVM would otherwise keep them for ever
		try (DefaultProcessService shared = DefaultProcessService.builder()
			.launcher(JdkProcessLauncher.withoutGroups())
			.terminationGrace(Duration.ofMillis(500))
			.virtualThreads(false)
			.build()) {
			assertThat(shared.getContainment()).isEqualTo("marker+no-subreaper");
			long orphan = runLeavingABackgroundChild(shared);
			// terminated as a leftover of its run, then reaped by init, or by the JVM (if an
			// earlier service made it a subreaper) once it lingered SESSION_LINGER
			await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
				assertThat(this.sleepers.running()).isEmpty();
				assertThat(parentOf(orphan)).as("parent of pid %d (a zombie of the JVM until reaped)", orphan)
					.isNotEqualTo(JVM);
			});
		}
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_22)
	void reaperShouldReadProcOnlyWhileSomeChildIsAZombie() throws Exception {
		assertThat(this.service.getContainment()).endsWith("+subreaper");
		// a zombie left by an earlier test may take up to SESSION_LINGER to go: wait for three
		// looks in a row that read nothing in /proc (waitid said no child is a zombie)
		long[] from = { reaperCounter("LOOKS").get(), reaperCounter("SCANS").get() };
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
			if (reaperCounter("SCANS").get() != from[1]) {
				from[0] = reaperCounter("LOOKS").get();
				from[1] = reaperCounter("SCANS").get();
				return false;
			}
			return reaperCounter("LOOKS").get() >= from[0] + 3;
		});
		// a background child left by a run is terminated as a leftover: its zombie is scanned for
		// and reaped
		long orphan = runLeavingABackgroundChild(this.service);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.sleepers.running()).isEmpty();
			assertThat(ProcessHandle.of(orphan)).as("pid %d reaped", orphan).isEmpty();
		});
		assertThat(reaperCounter("SCANS").get()).isGreaterThan(from[1]);
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_21)
	void jvmShouldNotBecomeASubreaperBeforeJdk22() {
		assertThat(this.service.getContainment()).isEqualTo("process-group+marker");
	}

	/**
	 * Runs a shell that starts a sleeper in the background and exits at once; returns the
	 * sleeper's pid.
	 */
	private long runLeavingABackgroundChild(DefaultProcessService service) throws Exception {
		List<String> lines = new CopyOnWriteArrayList<>();
		ProcessResult result = service
			.start(ProcessSpec.shell(this.sleepers.command() + " </dev/null >/dev/null 2>&1 & echo $!; exit 0")
				.onStdoutLine(lines::add)
				.build())
			.await();
		assertThat(result.outcome()).isEqualTo(ProcessOutcome.SUCCESS);
		return Long.parseLong(lines.get(0).trim());
	}

	/**
	 * Returns a counter of the orphan reaper ({@code LOOKS} or {@code SCANS}), a class of the
	 * JDK 22+ part of the jar.
	 */
	private static AtomicLong reaperCounter(String name) throws ReflectiveOperationException {
		return (AtomicLong) Class.forName(ProcessLaunchers.ORPHAN_REAPER).getDeclaredField(name).get(null);
	}

	/**
	 * Returns the parent pid of a process from {@code /proc/<pid>/status}, or {@code -1} once it
	 * is gone (reaped).
	 */
	private static long parentOf(long pid) throws IOException {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.ISO_8859_1)) {
				if (line.startsWith("PPid:")) {
					return Long.parseLong(line.substring(5).trim());
				}
			}
			return -1;
		}
		catch (NoSuchFileException ex) {
			return -1;
		}
	}

}
