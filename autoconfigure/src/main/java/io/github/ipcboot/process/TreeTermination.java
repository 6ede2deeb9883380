package io.github.ipcboot.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
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
	 * Snapshots the tree of {@code root}, sends it {@code SIGTERM} and schedules the kill.
	 * @param signalled told which signal went to how many processes
	 */
	static TreeTermination start(ProcessHandle root, Duration grace, ScheduledExecutorService timer,
			ObjIntConsumer<ProcessSignal> signalled) {
		TreeTermination termination = new TreeTermination(root, timer, signalled);
		termination.signal(termination.tree, false);
		CompletableFuture.allOf(termination.tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
			.thenRun(() -> termination.settled.complete(null));
		ScheduledFuture<?> kill = timer.schedule(termination::kill, grace.toNanos(), TimeUnit.NANOSECONDS);
		termination.settled.whenComplete((result, ex) -> kill.cancel(false));
		return termination;
	}

	CompletableFuture<Void> settled() {
		return this.settled;
	}

	private void kill() {
		Set<ProcessHandle> survivors = new LinkedHashSet<>();
		for (ProcessHandle process : this.tree) {
			if (process.isAlive()) {
				survivors.add(process);
				process.descendants().forEach(survivors::add);
			}
		}
		List<ProcessHandle> targets = new ArrayList<>(survivors);
		signal(targets, true);
		this.timer.schedule(() -> {
			long alive = targets.stream().filter(ProcessHandle::isAlive).count();
			if (this.settled.complete(null) && alive > 0) {
				logger.warn(alive + " process(es) of the tree of pid " + this.tree.get(0).pid() + " still alive "
						+ KILL_WAIT.toMillis() + " ms after SIGKILL");
			}
		}, KILL_WAIT.toNanos(), TimeUnit.NANOSECONDS);
		CompletableFuture.allOf(targets.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
			.thenRun(() -> this.settled.complete(null));
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
