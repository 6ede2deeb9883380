package io.github.ipcboot.process;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One running child of a {@link DefaultProcessService}: pumps its pipes, feeds its input,
 * enforces its timeout, terminates its tree when asked, and builds its {@link ProcessResult}
 * once it has exited, its tree has settled and its output is drained (or the drain timed out).
 */
final class ManagedProcess implements RunningProcess {

	private static final Log logger = LogFactory.getLog(ManagedProcess.class);

	/** How long the pump that saw the last end of stream waits for the exit itself. */
	private static final Duration EXIT_AFTER_EOF_WAIT = Duration.ofMillis(20);

	/** From when on the exit is watched with {@link Process#onExit()}. */
	private static final Duration EXIT_WATCH_DELAY = Duration.ofMillis(200);

	private final ProcessSpec spec;

	private final Process process;

	private final RunScope scope;

	private final Instant startTime;

	private final long startNanos;

	private final ServiceRuntime runtime;

	private final Charset charset;

	private final OutputPump stdout;

	private final @Nullable OutputPump stderr;

	private final BiConsumer<RunningProcess, @Nullable ProcessResult> finished;

	private final CompletableFuture<ProcessResult> result = new CompletableFuture<>();

	private final StdinChannel stdin;

	private @Nullable ProcessOutcome termination;

	private @Nullable TreeTermination treeTermination;

	private boolean exitSeen;

	/** Whether everything of the run was sent {@code SIGKILL} at once: nothing is left to sweep. */
	private boolean killedNow;

	private volatile @Nullable ScheduledFuture<?> timeoutTask;

	private volatile @Nullable ScheduledFuture<?> exitWatchTask;

	private final CompletableFuture<Void> exited = new CompletableFuture<>();

	ManagedProcess(ProcessSpec spec, Process process, RunScope scope, Instant startTime, long startNanos,
			ServiceRuntime runtime, BiConsumer<RunningProcess, @Nullable ProcessResult> finished) {
		this.spec = spec;
		this.process = process;
		this.scope = scope;
		this.startTime = startTime;
		this.startNanos = startNanos;
		this.runtime = runtime;
		this.finished = finished;
		this.charset = spec.effectiveCharset();
		this.stdin = new StdinChannel(process, spec.stdin());
		this.stdout = pump(process.getInputStream(), spec.stdoutTarget(), spec.stdoutListener(), "stdout");
		this.stderr = spec.mergeStderr() ? null
				: pump(process.getErrorStream(), spec.stderrTarget(), spec.stderrListener(), "stderr");
	}

	/**
	 * A stream with a target is not captured: the target has every byte.
	 */
	private OutputPump pump(InputStream in, @Nullable ProcessOutput target, @Nullable Consumer<String> listener,
			String stream) {
		long limit = (target != null) ? 0 : this.runtime.limits().maxCapturedOutputOf(this.spec);
		@Nullable LineDecoder lines = (listener != null) ? new LineDecoder(this.charset, listener,
				this.runtime.limits().maxLineLengthOf(this.spec), stream + " of pid " + this.process.pid()) : null;
		return new OutputPump(in, new BoundedCapture(limit), lines, target);
	}

	/**
	 * Starts pumping and feeding, arms the timeout and watches for the exit without blocking a
	 * thread of its own. A program closes its pipes as it exits, so the pump that sees the last
	 * end of stream waits briefly for the exit itself; runs that outlive {@link #EXIT_WATCH_DELAY}
	 * (or whose pipes a descendant holds open) are watched with {@link Process#onExit()}, which
	 * costs a thread hop per exit that short runs are spared.
	 */
	void begin() {
		submit(this.stdout, this.stdout.done());
		if (this.stderr != null) {
			submit(this.stderr, this.stderr.done());
		}
		if (this.stdin.needsFeeder()) {
			submit(this.stdin::feed, null);
		}
		else if (this.spec.stdin().kind() != ProcessInput.Kind.OPEN) {
			this.stdin.close();
		}
		Duration timeout = this.runtime.limits().timeoutOf(this.spec);
		if (!timeout.isZero()) {
			this.timeoutTask = this.runtime.timer()
				.schedule(() -> terminate(ProcessOutcome.TIMED_OUT), timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		pumpsDone().whenComplete((ignored, ex) -> exitAfterEndOfOutput());
		this.exitWatchTask = this.runtime.timer()
			.schedule(this::watchExit, EXIT_WATCH_DELAY.toNanos(), TimeUnit.NANOSECONDS);
		this.exited.thenCompose((ignored) -> afterExit()).whenComplete((ignored, ex) -> finishOnExitThread());
	}

	/**
	 * Finishes the run on the service's exit executor: the stage before completes on the timer
	 * or the JDK's process reaper, and what callers chain to {@link #onExit()} must block neither.
	 */
	private void finishOnExitThread() {
		try {
			this.runtime.exits().execute(this::finish);
		}
		catch (RejectedExecutionException ex) {
			// only after close(), which stops the exit executor once every run has finished
			finish();
		}
	}

	private CompletableFuture<Void> pumpsDone() {
		return (this.stderr != null) ? CompletableFuture.allOf(this.stdout.done(), this.stderr.done())
				: this.stdout.done();
	}

	private void exitAfterEndOfOutput() {
		try {
			if (this.process.waitFor(EXIT_AFTER_EOF_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
				this.exited.complete(null);
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		watchExit();
	}

	private void watchExit() {
		if (!this.exited.isDone()) {
			this.process.onExit().thenRun(() -> this.exited.complete(null));
		}
	}

	private void submit(Runnable task, @Nullable CompletableFuture<Void> done) {
		try {
			this.runtime.executor().execute(task);
		}
		catch (RejectedExecutionException ex) {
			logger.error("No thread available to serve pid " + pid() + "; cancelling it", ex);
			if (done != null) {
				done.complete(null);
			}
			terminate(ProcessOutcome.CANCELLED);
		}
	}

	/**
	 * Once the root has exited: waits for its tree to be terminated, or for a contained run,
	 * terminates what is left of it before the result (leftovers holding the pipes would also
	 * hold the pumps); when its group is empty and its pipes are closed, only processes that left
	 * the group can be left, and those are looked for right after.
	 */
	private CompletableFuture<Void> afterExit() {
		TreeTermination tree;
		synchronized (this) {
			this.exitSeen = true;
			tree = this.treeTermination;
		}
		if (tree == null && this.scope.contained() && !killedNow()) {
			ProcessContainment containment = this.runtime.containment();
			if (pumpsDone().isDone() && !this.scope.groupRemains(containment.launcher())) {
				containment.sweeper()
					.sweepSoon(this.scope, this.runtime.limits().terminationGrace(), this.runtime.timer(),
							(signal, count) -> this.runtime.listener().processSignalled(info(), signal, count));
			}
			else {
				tree = startTermination(null);
			}
		}
		CompletableFuture<Void> settled = (tree != null) ? tree.settled() : CompletableFuture.completedFuture(null);
		return settled.thenCompose((ignored) -> drained());
	}

	private CompletableFuture<Void> drained() {
		CompletableFuture<Void> pumps = pumpsDone();
		if (pumps.isDone()) {
			return pumps;
		}
		CompletableFuture<Void> bounded = new CompletableFuture<>();
		pumps.whenComplete((ignored, ex) -> bounded.complete(null));
		Duration wait = this.runtime.limits().outputDrainTimeout();
		ScheduledFuture<?> giveUp = this.runtime.timer().schedule(() -> {
			if (bounded.complete(null)) {
				logger.warn("Output pipes of pid " + pid() + " (" + this.spec.displayName() + ") still open "
						+ wait.toMillis() + " ms after it exited; a descendant may hold them. Finishing without them");
			}
		}, wait.toNanos(), TimeUnit.NANOSECONDS);
		bounded.whenComplete((ignored, ex) -> giveUp.cancel(false));
		return bounded;
	}

	private void finish() {
		ProcessResult result;
		try {
			cancel(this.timeoutTask);
			cancel(this.exitWatchTask);
			this.stdin.closeIfIdle();
			result = buildResult();
		}
		catch (RuntimeException | Error ex) {
			// the slot and the registry entry go back even when no result can be built
			this.finished.accept(this, null);
			this.result.completeExceptionally(ex);
			throw ex;
		}
		this.finished.accept(this, result);
		this.result.complete(result);
	}

	private static void cancel(@Nullable ScheduledFuture<?> task) {
		if (task != null) {
			task.cancel(false);
		}
	}

	private ProcessResult buildResult() {
		int exitCode = this.process.exitValue();
		ProcessOutcome outcome;
		synchronized (this) {
			outcome = this.termination;
		}
		String failureReason = targetFailure();
		CapturedOutput out = this.stdout.capture().snapshot(this.charset);
		CapturedOutput err = (this.stderr != null) ? this.stderr.capture().snapshot(this.charset)
				: CapturedOutput.empty(this.charset);
		String execFailure = (outcome == null) ? this.runtime.containment()
			.launcher()
			.execFailure(this.spec, exitCode, this.spec.mergeStderr() ? out : err) : null;
		if (execFailure != null) {
			outcome = ProcessOutcome.START_FAILED;
			failureReason = execFailure;
		}
		else if (outcome == null) {
			// a run whose output did not reach its target has not done its job, whatever its exit code
			outcome = (this.spec.allowedExitCodes().contains(exitCode) && failureReason == null)
					? ProcessOutcome.SUCCESS : ProcessOutcome.FAILED;
		}
		return new ProcessResult(this.spec.command(), this.spec.name(), pid(), exitCode,
				ProcessSignal.fromExitCode(exitCode), out, err, this.startTime,
				Duration.ofNanos(System.nanoTime() - this.startNanos), outcome, failureReason);
	}

	private @Nullable String targetFailure() {
		String failure = this.stdout.targetFailure();
		if (failure == null && this.stderr != null) {
			failure = this.stderr.targetFailure();
		}
		return failure;
	}

	/**
	 * Terminates the process tree unless the process has already exited.
	 * @param reason the outcome to report
	 * @return whether this call started the termination
	 */
	boolean terminate(ProcessOutcome reason) {
		synchronized (this) {
			if (this.exitSeen || this.termination != null || !this.process.isAlive()) {
				return false;
			}
			this.termination = reason;
			this.treeTermination = startTermination(this.process.toHandle());
		}
		if (reason == ProcessOutcome.TIMED_OUT) {
			logger.info("Terminating process tree of pid " + pid() + " (" + this.spec.displayName()
					+ "): timed out after " + this.runtime.limits().timeoutOf(this.spec).toMillis() + " ms");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Terminating process tree of pid " + pid() + " (" + this.spec.displayName() + "): "
					+ reason.name().toLowerCase(Locale.ROOT));
		}
		return true;
	}

	private TreeTermination startTermination(@Nullable ProcessHandle root) {
		return TreeTermination.start(root, this.scope, this.runtime.containment().launcher(),
				this.runtime.limits().terminationGrace(), this.runtime.timer(),
				(signal, count) -> this.runtime.listener().processSignalled(info(), signal, count));
	}

	/**
	 * Kills the run's tree and members at once with {@code SIGKILL}.
	 * @return how many processes were signalled
	 */
	int killNow() {
		synchronized (this) {
			this.killedNow = true;
		}
		ProcessHandle root = this.process.isAlive() ? this.process.toHandle() : null;
		return TreeTermination.killNow(root, this.scope, this.runtime.containment().launcher(), this.runtime.timer());
	}

	private synchronized boolean killedNow() {
		return this.killedNow;
	}

	CompletableFuture<ProcessResult> result() {
		return this.result;
	}

	@Override
	public long pid() {
		return this.process.pid();
	}

	@Override
	public synchronized ProcessInfo info() {
		return new ProcessInfo(pid(), this.spec.name(), this.spec.command(), this.startTime,
				(this.termination != null) ? ProcessState.TERMINATING : ProcessState.RUNNING);
	}

	@Override
	public boolean isRunning() {
		return !this.result.isDone();
	}

	@Override
	public CompletableFuture<ProcessResult> onExit() {
		return this.spec.check() ? this.result.thenApply(ProcessResult::check) : this.result.copy();
	}

	@Override
	public ProcessResult await() {
		ProcessResult outcome;
		try {
			outcome = this.result.get();
		}
		catch (InterruptedException ex) {
			cancel();
			outcome = this.result.join();
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not build the result of pid " + pid(), ex.getCause());
		}
		return this.spec.check() ? outcome.check() : outcome;
	}

	@Override
	public boolean cancel() {
		return terminate(ProcessOutcome.CANCELLED);
	}

	@Override
	public void writeStdin(byte[] bytes) {
		this.stdin.write(bytes);
	}

	@Override
	public void writeStdin(String text) {
		writeStdin(text.getBytes(this.charset));
	}

	@Override
	public void closeStdin() {
		this.stdin.close();
	}

	@Override
	public String toString() {
		return "RunningProcess[pid " + pid() + ", " + this.spec.displayName() + " " + this.spec.command() + "]";
	}

}
