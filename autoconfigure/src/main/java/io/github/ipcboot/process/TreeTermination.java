package io.github.ipcboot.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ObjIntConsumer;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Terminates a process tree: snapshots the process and all its descendants first (they are
 * re-parented once their parent dies and could no longer be found), sends {@code SIGTERM} to
 * each, and after the grace sends {@code SIGKILL} to every one still alive and to any descendant
 * they started meanwhile. {@link #settled()} completes once the whole snapshot has exited, or a
 * bounded time after the kill.
 */
final class TreeTermination {

	private static final Log logger = LogFactory.getLog(TreeTermination.class);

	/** How long to wait for killed processes to disappear before giving up on them. */
	static final Duration KILL_WAIT = Duration.ofSeconds(2);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

	private final List<ProcessHandle> tree;

	private final ScheduledExecutorService timer;

	private final ObjIntConsumer<ProcessSignal> signalled;

	private final CompletableFuture<Void> settled = new CompletableFuture<>();

	private TreeTermination(ProcessHandle root, ScheduledExecutorService timer,
			ObjIntConsumer<ProcessSignal> signalled) {
		this.tree = Stream.concat(Stream.of(root), root.descendants()).toList();
		this.timer = timer;
		this.signalled = signalled;
	}

	/**
	 * Snapshots the tree of {@code root}, sends it {@code SIGTERM} and watches it until it is
	 * gone, killing what is left after the grace.
	 * @param signalled told which signal went to how many processes
	 */
	static TreeTermination start(ProcessHandle root, Duration grace, ScheduledExecutorService timer,
			ObjIntConsumer<ProcessSignal> signalled) {
		TreeTermination termination = new TreeTermination(root, timer, signalled);
		termination.signal(termination.tree, false);
		termination.watch(termination.tree, System.nanoTime() + grace.toNanos(), false);
		return termination;
	}

	CompletableFuture<Void> settled() {
		return this.settled;
	}

	/**
	 * Polls the targets on the timer (rather than a JDK reaper thread per descendant) until none
	 * runs; at the deadline kills the survivors, or after the kill gives up on them.
	 */
	private void watch(List<ProcessHandle> targets, long deadline, boolean killed) {
		List<ProcessHandle> running = targets.stream().filter(ProcessLiveness::isRunning).toList();
		if (running.isEmpty()) {
			this.settled.complete(null);
		}
		else if (System.nanoTime() - deadline < 0) {
			this.timer.schedule(() -> watch(running, deadline, killed), POLL_INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
		}
		else if (!killed) {
			kill(running);
		}
		else {
			logger.warn(running.size() + " process(es) of the tree of pid " + this.tree.get(0).pid() + " still alive "
					+ KILL_WAIT.toMillis() + " ms after SIGKILL");
			this.settled.complete(null);
		}
	}

	private void kill(List<ProcessHandle> survivors) {
		Set<ProcessHandle> targets = new LinkedHashSet<>(survivors);
		survivors.forEach((process) -> process.descendants().forEach(targets::add));
		List<ProcessHandle> list = new ArrayList<>(targets);
		signal(list, true);
		watch(list, System.nanoTime() + KILL_WAIT.toNanos(), true);
	}

	private void signal(List<ProcessHandle> processes, boolean force) {
		int count = 0;
		for (ProcessHandle process : processes) {
			if (force ? process.destroyForcibly() : process.destroy()) {
				count++;
			}
		}
		if (count > 0) {
			this.signalled.accept(force ? ProcessSignal.SIGKILL : ProcessSignal.SIGTERM, count);
		}
	}

}
