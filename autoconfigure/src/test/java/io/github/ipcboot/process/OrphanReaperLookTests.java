package io.github.ipcboot.process;

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
 * Tests the orphan reaper's looks (JDK 22+, Linux): while the JVM has no zombie child, a look
 * asks the kernel ({@code waitid} with {@code WNOWAIT}) and reads nothing in {@code /proc}; an
 * adopted orphan is still reaped.
 */
@Timeout(180)
class OrphanReaperLookTests {

	private final Sleepers sleepers = new Sleepers();

	private final DefaultProcessService service = TestLaunchers.builder()
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
	void lookShouldReadProcOnlyWhileSomeChildIsAZombie() throws Exception {
		assertThat(this.service.getContainment()).endsWith("+subreaper");
		// a zombie left by an earlier test may take up to SESSION_LINGER to go: wait for three
		// looks in a row that read nothing
		long[] from = { counter("LOOKS").get(), counter("SCANS").get() };
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
			if (counter("SCANS").get() != from[1]) {
				from[0] = counter("LOOKS").get();
				from[1] = counter("SCANS").get();
				return false;
			}
			return counter("LOOKS").get() >= from[0] + 3;
		});
		// a background child left by a run is terminated as a leftover: its zombie is scanned for
		// and reaped
		List<String> lines = new CopyOnWriteArrayList<>();
		ProcessResult result = this.service
			.start(ProcessSpec.shell(this.sleepers.command() + " </dev/null >/dev/null 2>&1 & echo $!; exit 0")
				.onStdoutLine(lines::add)
				.build())
			.await();
		assertThat(result.outcome()).isEqualTo(ProcessOutcome.SUCCESS);
		long orphan = Long.parseLong(lines.get(0).trim());
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.sleepers.running()).isEmpty();
			assertThat(ProcessHandle.of(orphan)).as("pid %d reaped", orphan).isEmpty();
		});
		assertThat(counter("SCANS").get()).isGreaterThan(from[1]);
	}

	private static AtomicLong counter(String name) throws ReflectiveOperationException {
		return (AtomicLong) Class.forName("io.github.ipcboot.process.OrphanReaper").getDeclaredField(name).get(null);
	}

}
