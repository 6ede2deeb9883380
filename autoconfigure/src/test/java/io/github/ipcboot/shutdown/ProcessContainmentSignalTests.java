package io.github.ipcboot.shutdown;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.process.Sleepers;
import io.github.ipcboot.tcp.LineClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Process containment seen from outside a real application in a child JVM, with real signals:
 * the children of a run live in a process group of their own, so a terminal's Ctrl-C (SIGINT to
 * the JVM's foreground process group) reaches only the JVM and the drain decides what happens to
 * runs; and when the JVM receives SIGTERM, every process of a run goes, even those that left its
 * tree or its group.
 */
class ProcessContainmentSignalTests {

	private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

	private final Sleepers sleepers = new Sleepers();

	@TempDir
	Path logs;

	@AfterEach
	void killLeftovers() {
		this.sleepers.killAll();
	}

	private static List<String> args(String... extraArgs) {
		List<String> args = new ArrayList<>(List.of("--ipc.tcp.servers.work.port=0",
				"--ipc.tcp.servers.work.address=127.0.0.1", "--spring.main.banner-mode=off"));
		args.addAll(List.of(extraArgs));
		return args;
	}

	@Test
	void interruptToTheJvmsProcessGroupShouldNotReachTheChildren() throws Exception {
		try (ChildJvm app = ChildJvm.startInOwnSession(this.logs, List.of(), ShutdownTestApplication.class,
				args("--ipc.shutdown.timeout=2s").toArray(String[]::new))) {
			int port = app.awaitPort("work");
			long root;
			try (LineClient client = new LineClient(port)) {
				root = Long.parseLong(client.request("SPAWN").substring("PID ".length()));
			}
			await().atMost(EXIT_TIMEOUT).until(() -> ProcessHandle.of(root).map((h) -> h.descendants().count()).orElse(0L) == 2);
			assertThat(processGroup(root)).isEqualTo(root).isNotEqualTo(processGroup(app.pid()));
			app.signalGroup("INT");
			app.assertExit(ShutdownResult.FORCED_EXIT_CODE, EXIT_TIMEOUT);
			// the run was still there at the end of the drain: Ctrl-C had not killed its shell
			// (it would have ended the run at once, and the drain with it)
			assertThat(app.log()).contains("Received SIGINT")
				.containsPattern("Graceful shutdown aborted \\(forced\\) after \\d+ ms: 0 connections, 1 processes");
			await().atMost(EXIT_TIMEOUT).until(() -> ProcessHandle.of(root).isEmpty()
					|| !ProcessHandle.of(root).get().isAlive() || isZombie(root));
		}
	}

	@Test
	void termWhileARunsChildrenLeftItsTreeShouldEndEveryOneOfThem() throws Exception {
		try (ChildJvm app = ChildJvm.start(this.logs, List.of(), ShutdownTestApplication.class,
				args("--ipc.shutdown.timeout=1s").toArray(String[]::new))) {
			int port = app.awaitPort("work");
			try (LineClient client = new LineClient(port)) {
				assertThat(client.request("ESCAPE " + this.sleepers.duration())).startsWith("PID ");
			}
			// a background child of a subshell, one in a session of its own, a double fork, a plain child
			await().atMost(EXIT_TIMEOUT).until(() -> this.sleepers.running().size() == 4);
			app.signal("TERM");
			app.assertExit(ShutdownResult.FORCED_EXIT_CODE, EXIT_TIMEOUT);
			await().atMost(EXIT_TIMEOUT).untilAsserted(() -> assertThat(this.sleepers.running()).isEmpty());
		}
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_22)
	void jvmRunningAsPid1ShouldReapTheOrphansItAdopts() throws Exception {
		List<String> pid1 = List.of("unshare", "--pid", "--fork", "--mount-proc");
		assumeTrue(runs(pid1), "a new pid namespace can be created here (root, unshare from util-linux)");
		try (ChildJvm app = ChildJvm.start(this.logs, pid1, List.of("--enable-native-access=ALL-UNNAMED"),
				ShutdownTestApplication.class,
				args("--logging.level.io.github.ipcboot.process.OrphanReaper=debug").toArray(String[]::new))) {
			int port = app.awaitPort("work");
			app.awaitLog("The JVM runs as PID 1: adopted orphans are reaped");
			long jvm = ProcessHandle.of(app.pid()).orElseThrow().children().findFirst().orElseThrow().pid();
			try (LineClient client = new LineClient(port)) {
				for (int i = 0; i < 3; i++) {
					assertThat(client.request("ORPHANS " + this.sleepers.duration())).isEqualTo("DONE");
				}
			}
			// the terminated leftovers were re-parented to the JVM: without a reaper they stay zombies
			app.awaitLog("Reaped orphan pid");
			await().atMost(EXIT_TIMEOUT).until(() -> zombieChildren(jvm) == 0);
			assertThat(this.sleepers.running()).isEmpty();
		}
	}

	private static boolean runs(List<String> command) throws InterruptedException {
		try {
			List<String> probe = new ArrayList<>(command);
			probe.add("true");
			Process process = new ProcessBuilder(probe).redirectErrorStream(true).start();
			process.getInputStream().transferTo(OutputStream.nullOutputStream());
			return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static long zombieChildren(long parent) {
		return ProcessHandle.allProcesses().filter((process) -> {
			try {
				String[] stat = stat(process.pid());
				return stat[0].equals("Z") && stat[1].equals(Long.toString(parent));
			}
			catch (IOException ex) {
				return false;
			}
		}).count();
	}

	private static long processGroup(long pid) throws IOException {
		return Long.parseLong(stat(pid)[2]);
	}

	private static boolean isZombie(long pid) {
		try {
			return stat(pid)[0].equals("Z");
		}
		catch (IOException ex) {
			return true;
		}
	}

	private static String[] stat(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.ISO_8859_1);
		return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
	}

}
