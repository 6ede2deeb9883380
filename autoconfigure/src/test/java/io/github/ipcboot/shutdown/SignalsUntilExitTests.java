package io.github.ipcboot.shutdown;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.ipcboot.tcp.LineClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signals from the start of a shutdown to the JVM's exit, with a real Spring Boot application in
 * a child JVM and real signals: a close begun without a signal, the rest of the close after the
 * drain, a close that hangs (the hard deadline), a drain that fails, and the exit codes.
 */
class SignalsUntilExitTests {

	private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

	@TempDir
	Path logs;

	private ChildJvm start(String... extraArgs) throws IOException {
		List<String> args = new ArrayList<>(List.of("--ipc.tcp.servers.work.port=0",
				"--ipc.tcp.servers.work.address=127.0.0.1", "--spring.main.banner-mode=off"));
		args.addAll(List.of(extraArgs));
		return ChildJvm.start(this.logs, List.of(), ShutdownTestApplication.class, args.toArray(String[]::new));
	}

	@Test
	void firstSignalDuringADrainBegunOtherwiseShouldWaitForItThenExit() throws Exception {
		// with drained-exit-code=signal the exit code shows that the signal chose it: a JVM whose
		// context closed without one would end with 0
		try (ChildJvm app = start("--ipc.shutdown.timeout=60s", "--ipc.shutdown.drained-exit-code=signal")) {
			int port = app.awaitPort("work");
			try (LineClient busy = new LineClient(port)) {
				busy.send("WORK 1 hold");
				app.awaitLog("working 1");
				app.closeContext();
				app.awaitLog("Commencing graceful shutdown");
				app.signal("TERM");
				// the default hard deadline: timeout 60 s + termination 5 + 2 + 2 s + 2 s + margin 5 s
				app.awaitLog("Received SIGTERM while a graceful shutdown begun otherwise runs: .* "
						+ "\\(hard deadline in 76000 ms\\)");
				assertThat(app.isAlive()).as("not halted by the first signal").isTrue();
				app.release();
				assertThat(busy.readLine()).isEqualTo("DONE 1");
			}
			app.assertExit(143, EXIT_TIMEOUT);
			assertThat(app.log()).contains("(drained)").contains("handled=1").doesNotContain("forced exit");
		}
	}

	@Test
	void signalDuringTheStartUpShouldLetItFinishThenDrainAndExitZero() throws Exception {
		try (ChildJvm app = start("--test.slow-start=true")) {
			// the handlers are installed and the server listens; the context is still starting
			app.awaitPort("work");
			app.awaitLog("starting slowly");
			app.signal("TERM");
			app.assertExit(0, EXIT_TIMEOUT);
			assertThat(app.log()).contains("Received SIGTERM: beginning the graceful shutdown")
				.contains("Started ShutdownTestApplication")
				.contains("(drained)")
				.doesNotContain("forced exit")
				.doesNotContain("halting");
		}
	}

	@Test
	void signalAfterTheDrainWhileTheCloseHangsShouldHaltWithoutClaimingAForcedDrain() throws Exception {
		try (ChildJvm app = start("--test.hang-on-destroy=true", "--ipc.shutdown.hard-deadline=120s")) {
			app.awaitPort("work");
			app.signal("TERM");
			app.awaitLog("Graceful shutdown complete in \\d+ ms \\(drained\\)");
			app.awaitLog("hanging in destroy");
			app.signal("INT");
			app.assertExit(130, EXIT_TIMEOUT);
			assertThat(app.log()).contains("Received SIGINT after the graceful shutdown had ended (drained), "
					+ "while the application context was still closing: halting with code 130")
				.doesNotContain("forced exit")
				.doesNotContain("(forced)");
		}
	}

	@Test
	void closeThatHangsAfterASignalShouldBeHaltedAtTheHardDeadlineSayingWhatStillRan() throws Exception {
		try (ChildJvm app = start("--test.hang-on-destroy=true", "--ipc.shutdown.hard-deadline=3s")) {
			app.awaitPort("work");
			app.signal("TERM");
			app.awaitLog("hanging in destroy");
			app.assertExit(143, EXIT_TIMEOUT);
			assertThat(app.log()).contains("Graceful shutdown complete")
				.contains("Shutdown still not finished 3000 ms after SIGTERM (ipc.shutdown.hard-deadline): "
						+ "halting with code 143")
				.contains("thread 'ipc-shutdown'")
				.containsPattern("at \\S*ShutdownTestApplication\\.lambda\\$hangingBean");
		}
	}

	@Test
	void closeThatHangsOnTheJvmsExitShouldBeHaltedAtTheHardDeadline() throws Exception {
		try (ChildJvm app = start("--test.hang-on-destroy=true", "--ipc.shutdown.hard-deadline=3s")) {
			app.awaitPort("work");
			app.exitJvm();
			app.awaitLog("hanging in destroy");
			app.assertExit(ShutdownResult.FORCED_EXIT_CODE, EXIT_TIMEOUT);
			assertThat(app.log()).contains("Shutdown still not finished 3000 ms after the start of the JVM's exit "
					+ "(ipc.shutdown.hard-deadline): halting with code 1");
		}
	}

	@Test
	void drainThatFailsShouldExitNonZero() throws Exception {
		try (ChildJvm app = start("--test.failing-drain=true")) {
			app.awaitPort("work");
			app.signal("TERM");
			app.assertExit(ShutdownResult.FORCED_EXIT_CODE, EXIT_TIMEOUT);
			assertThat(app.log()).containsPattern("Graceful shutdown failed after \\d+ ms; counted as forced")
				.contains("test: the drain of the TCP clients failed");
		}
	}

}
