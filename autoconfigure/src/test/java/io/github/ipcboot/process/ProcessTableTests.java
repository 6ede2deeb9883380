package io.github.ipcboot.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ProcessTable}, on the real {@code /proc} with real {@code sleep} processes that
 * carry the marker variable.
 */
class ProcessTableTests {

	private final Sleepers sleepers = new Sleepers();

	private final String marker = UUID.randomUUID().toString();

	private Process child;

	@BeforeEach
	void startMarkedChild() throws IOException {
		assumeThat(ProcessTable.AVAILABLE).as("/proc with status and environment (Linux)").isTrue();
		ProcessBuilder builder = new ProcessBuilder("sleep", this.sleepers.duration());
		builder.environment().put(ProcessContainment.MARKER_VARIABLE, this.marker);
		builder.environment().put("IPC_PROCESS_RUN_OTHER", "x");
		this.child = builder.start();
	}

	@AfterEach
	void stopChild() throws InterruptedException {
		if (this.child != null) {
			this.child.destroyForcibly();
			assertThat(this.child.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		this.sleepers.killAll();
	}

	@Test
	void runWithoutGroupOrMarkerShouldHaveNoMembers() {
		assertThat(ProcessTable.find(-1, null, this.child.pid(), 0)).isSameAs(RunMembers.NONE);
	}

	@Test
	void markedProcessShouldBeFoundSinceItsPid() {
		RunMembers members = ProcessTable.find(-1, this.marker, this.child.pid(), 0);
		assertThat(members.group()).isEmpty();
		assertThat(members.marked()).extracting(ProcessHandle::pid).containsExactly(this.child.pid());
	}

	@Test
	void markedProcessShouldBeFoundWhenPidsMayHaveWrapped() {
		// a root too old to tell from the pid counter: every process is looked at
		long ageNanos = Duration.ofDays(365 * 100).toNanos();
		RunMembers members = ProcessTable.find(-1, this.marker, Long.MAX_VALUE, ageNanos);
		assertThat(members.marked()).extracting(ProcessHandle::pid).containsExactly(this.child.pid());
	}

	@Test
	void otherMarkerShouldFindNothing() {
		RunMembers members = ProcessTable.find(-1, this.marker + "-other", 1, Duration.ofDays(36_500).toNanos());
		assertThat(members.all()).isEmpty();
	}

	@Test
	void groupMemberShouldBeFoundByItsProcessGroup() throws Exception {
		// a child started by ProcessBuilder stays in the process group of this JVM
		RunMembers members = ProcessTable.find(ownProcessGroup(), null, this.child.pid(), 0);
		assertThat(members.group()).extracting(ProcessHandle::pid).contains(this.child.pid());
		assertThat(members.marked()).isEmpty();
	}

	@Test
	void zombieShouldBeLeftOut() throws Exception {
		ProcessBuilder builder = new ProcessBuilder("sh", "-c", "sleep 0 & exec " + this.sleepers.command());
		builder.environment().put(ProcessContainment.MARKER_VARIABLE, this.marker + "-z");
		Process parent = builder.start();
		try {
			// the exec'd sleep never reaps the finished "sleep 0": it stays a zombie with the marker
			long zombie = await().atMost(Duration.ofSeconds(30)).until(() -> zombieChild(parent.pid()), (pid) -> pid > 0);
			RunMembers marked = ProcessTable.find(-1, this.marker + "-z", parent.pid(), 0);
			assertThat(marked.marked()).extracting(ProcessHandle::pid).containsExactly(parent.pid());
			RunMembers group = ProcessTable.find(ownProcessGroup(), null, parent.pid(), 0);
			assertThat(group.group()).extracting(ProcessHandle::pid).contains(parent.pid()).doesNotContain(zombie);
		}
		finally {
			parent.destroyForcibly();
			assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void snapshotShouldServeTreesAndMembersOfRunsFromOneLook() throws Exception {
		Process parent = new ProcessBuilder("sh", "-c", this.sleepers.command() + " & wait").start();
		try {
			long sleeper = await().atMost(Duration.ofSeconds(30))
				.until(() -> parent.children().mapToLong(ProcessHandle::pid).findFirst().orElse(-1), (pid) -> pid > 0);
			ProcessTableSnapshot snapshot = ProcessTable.snapshot(this.child.pid(), 0);
			assertThat(snapshot.descendants(parent.pid())).extracting(ProcessHandle::pid).containsExactly(sleeper);
			assertThat(snapshot.members(-1, this.marker).marked()).extracting(ProcessHandle::pid)
				.containsExactly(this.child.pid());
			assertThat(snapshot.members(ownProcessGroup(), null).group()).extracting(ProcessHandle::pid)
				.contains(this.child.pid(), parent.pid(), sleeper);
		}
		finally {
			parent.destroyForcibly();
			assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
	}

	private static long zombieChild(long parent) {
		return ProcessHandle.allProcesses().filter((process) -> {
			try {
				String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				return fields[0].equals("Z") && fields[1].equals(Long.toString(parent));
			}
			catch (IOException | RuntimeException ex) {
				return false;
			}
		}).mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
	}

	private static long ownProcessGroup() throws IOException {
		String stat = Files.readString(Path.of("/proc/self/stat"));
		return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
	}

	@Test
	void findMarkedShouldGroupProcessesByMarkerValue() {
		Map<String, List<ProcessHandle>> found = ProcessTable.findMarked(Set.of(this.marker, "unused"),
				this.child.pid(), 0);
		assertThat(found).containsOnlyKeys(this.marker);
		assertThat(found.get(this.marker)).extracting(ProcessHandle::pid).containsExactly(this.child.pid());
	}

	@Test
	void findMarkedWithoutValuesShouldFindNothing() {
		assertThat(ProcessTable.findMarked(Set.of(), this.child.pid(), 0)).isEmpty();
	}

	@Test
	void pidThatNamesAnotherProcessThanTheLookShouldBeLeftOut() {
		// the look read a process with this pid that started at another time: the pid was reused
		long pid = this.child.pid();
		long start = ProcessTable.startTime(pid);
		assertThat(start).isPositive();
		ProcessTableSnapshot same = new ProcessTableSnapshot(0, -1, new long[] { pid }, new long[] { 1 },
				new long[] { 1 }, new long[] { start });
		ProcessTableSnapshot reused = new ProcessTableSnapshot(0, -1, new long[] { pid }, new long[] { 1 },
				new long[] { 1 }, new long[] { start - 1 });
		assertThat(same.descendants(1)).extracting(ProcessHandle::pid).containsExactly(pid);
		assertThat(same.members(-1, this.marker).marked()).extracting(ProcessHandle::pid).containsExactly(pid);
		assertThat(reused.descendants(1)).isEmpty();
		assertThat(reused.members(-1, this.marker).all()).isEmpty();
		assertThat(ProcessTable.sameProcess(pid, start - 1)).isEmpty();
		assertThat(ProcessTable.sameProcess(pid, start)).map(ProcessHandle::pid).hasValue(pid);
	}

}
