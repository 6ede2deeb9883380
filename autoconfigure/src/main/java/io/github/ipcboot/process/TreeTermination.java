package io.github.ipcboot.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ObjIntConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Terminates what belongs to a run: its root (while it runs) and all its descendants, snapshot
 * first (they are re-parented once their parent dies and could no longer be found that way),
 * plus every member of its process group and every carrier of its marker variable
 * ({@link RunScope#members()}), which are found again whenever the known ones are gone, so that
 * processes forked while the tree is being killed are caught as well. It sends {@code SIGTERM}
 * to each (to the whole group at once where the launcher can), and after the grace
 * {@code SIGKILL} to every one still alive and to anything found anew. {@link #settled()}
 * completes once nothing of the run is found any more, or a bounded time after the kill.
 */
final class TreeTermination {

	private static final Log logger = LogFactory.getLog(TreeTermination.class);

	/** How long to wait for killed processes to disappear before giving up on them. */
	static final Duration KILL_WAIT = Duration.ofSeconds(2);

	/** How often the processes of a run being terminated are looked at. */
	static final Duration POLL_INTERVAL = Duration.ofMillis(20);

	/**
	 * Looks that must find nothing, a poll apart, before the run counts as gone: a process in the
	 * middle of an {@code exec} after leaving the group shows neither the group nor (for a moment)
	 * its environment.
	 */
	static final int EMPTY_LOOKS = 2;

	private final AtomicInteger emptyLooks = new AtomicInteger();

	private final RunScope scope;

	private final ProcessLauncher launcher;

	private final ScheduledExecutorService timer;

	private final ObjIntConsumer<ProcessSignal> signalled;

	private final CompletableFuture<Void> settled = new CompletableFuture<>();

	private TreeTermination(RunScope scope, ProcessLauncher launcher, ScheduledExecutorService timer,
			ObjIntConsumer<ProcessSignal> signalled) {
		this.scope = scope;
		this.launcher = launcher;
		this.timer = timer;
		this.signalled = signalled;
	}

	/**
	 * Snapshots the tree of {@code root} and the run's members, sends them {@code SIGTERM} and
	 * watches them until they are gone, killing what is left after the grace.
	 * @param root the run's root process while it runs, or {@code null} to terminate what is left
	 * of a run whose root has exited
	 * @param signalled told which signal went to how many processes
	 */
	static TreeTermination start(@Nullable ProcessHandle root, RunScope scope, ProcessLauncher launcher,
			Duration grace, ScheduledExecutorService timer, ObjIntConsumer<ProcessSignal> signalled) {
		TreeTermination termination = new TreeTermination(scope, launcher, timer, signalled);
		List<ProcessHandle> targets = termination.signal(tree(root, scope), ProcessSignal.SIGTERM).processes();
		termination.watch(targets, System.nanoTime() + grace.toNanos(), false);
		return termination;
	}

	/**
	 * Kills what belongs to a run at once, without a grace and without waiting.
	 * @return how many processes were signalled
	 */
	static int killNow(@Nullable ProcessHandle root, RunScope scope, ProcessLauncher launcher,
			ScheduledExecutorService timer) {
		TreeTermination termination = new TreeTermination(scope, launcher, timer, (signal, count) -> {
		});
		return termination.signal(tree(root, scope), ProcessSignal.SIGKILL).count();
	}

	private static List<ProcessHandle> tree(@Nullable ProcessHandle root, RunScope scope) {
		if (root == null) {
			return List.of();
		}
		List<ProcessHandle> tree = new ArrayList<>(List.of(root));
		tree.addAll(scope.looks().descendants(scope, List.of(root)));
		return tree;
	}

	CompletableFuture<Void> settled() {
		return this.settled;
	}

	/**
	 * Polls the targets on the timer (rather than a JDK reaper thread per descendant) until none
	 * runs and no new member is found; at the deadline kills the survivors, or after the kill
	 * gives up on them.
	 */
	private void watch(List<ProcessHandle> targets, long deadline, boolean killed) {
		List<ProcessHandle> running = targets.stream().filter(ProcessLiveness::isRunning).toList();
		if (running.isEmpty()) {
			running = signal(List.of(), killed ? ProcessSignal.SIGKILL : ProcessSignal.SIGTERM).processes();
			if (running.isEmpty() && this.emptyLooks.incrementAndGet() >= EMPTY_LOOKS) {
				this.settled.complete(null);
				return;
			}
		}
		else {
			this.emptyLooks.set(0);
		}
		if (System.nanoTime() - deadline < 0) {
			List<ProcessHandle> next = running;
			this.timer.schedule(() -> watch(next, deadline, killed), POLL_INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
		}
		else if (!killed) {
			Set<ProcessHandle> survivors = new LinkedHashSet<>(running);
			survivors.addAll(this.scope.looks().descendants(this.scope, running));
			watch(signal(survivors, ProcessSignal.SIGKILL).processes(), System.nanoTime() + KILL_WAIT.toNanos(), true);
		}
		else {
			logger.warn(running.size() + " process(es) of the run of pid " + this.scope.rootPid() + " still alive "
					+ KILL_WAIT.toMillis() + " ms after SIGKILL");
			this.settled.complete(null);
		}
	}

	/**
	 * Signals the known processes and the run's members found now, the group at once where the
	 * launcher can.
	 */
	private Sent signal(Collection<ProcessHandle> known, ProcessSignal signal) {
		Set<ProcessHandle> targets = new LinkedHashSet<>(known);
		RunMembers members = this.scope.members();
		int groupCount = 0;
		if (!members.group().isEmpty() && this.launcher.signalGroup(this.scope.pgid(), signal)) {
			groupCount = members.group().size();
			members.group().forEach(targets::remove);
		}
		else {
			targets.addAll(members.group());
		}
		targets.addAll(members.marked());
		List<ProcessHandle> processes = new ArrayList<>(targets);
		int count = groupCount + send(processes, signal);
		if (count > 0) {
			this.signalled.accept(signal, count);
		}
		if (groupCount > 0) {
			processes.addAll(members.group());
		}
		return new Sent(processes, count);
	}

	/**
	 * The processes a signal was meant for, and how many it reached.
	 */
	private record Sent(List<ProcessHandle> processes, int count) {
	}

	private static int send(List<ProcessHandle> processes, ProcessSignal signal) {
		int count = 0;
		boolean force = signal.equals(ProcessSignal.SIGKILL);
		for (ProcessHandle process : processes) {
			if (force ? process.destroyForcibly() : process.destroy()) {
				count++;
			}
		}
		return count;
	}

}
