package io.github.ipcboot.process;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ProcessService} that runs real processes: bounded by a capacity limit with a wait
 * queue, tracked in a {@link ProcessRegistry}, observed by a {@link ProcessListener}. Create one
 * with {@link #builder()}; {@link #close()} terminates every running process tree and stops the
 * service's threads.
 *
 * @since 0.1.0
 */
public final class DefaultProcessService implements ProcessService, AutoCloseable {

	private static final Log logger = LogFactory.getLog(DefaultProcessService.class);

	/** How long {@link #close()} waits for starts already past the closed check to register. */
	private static final Duration START_WAIT = Duration.ofSeconds(10);

	private final ServiceRuntime runtime;

	private final CommandCatalog catalog;

	private final ProcessRegistry registry;

	private final RunAdmission admission;

	/**
	 * Held shared by every start from its closed check until its process is registered, and
	 * exclusively by {@link #close()} once it is closed: then no start is half-way, and every
	 * later one is rejected.
	 */
	private final ReentrantReadWriteLock starts = new ReentrantReadWriteLock();

	private volatile boolean closed;

	/** Set by the first {@link #close()}; {@link #killAll()} sets only {@link #closed}. */
	private final AtomicBoolean closing = new AtomicBoolean();

	DefaultProcessService(DefaultProcessServiceBuilder builder) {
		ProcessContainment containment = builder.containment();
		ExecutorService executor = ProcessThreads.newExecutor(builder.maxConcurrent,
				builder.virtualThreads && containment.launcher().pumpsOnVirtualThreads());
		ScheduledThreadPoolExecutor timer = ProcessThreads.newTimer();
		this.runtime = new ServiceRuntime(builder.limits(), executor, timer,
				ProcessThreads.newExitExecutor(builder.virtualThreads), new SafeListener(builder.listeners),
				containment);
		this.catalog = new CommandCatalog(builder.commands, builder.commandEnvironment);
		this.registry = builder.registry;
		this.admission = new RunAdmission(builder, this.catalog.definitions(), this.runtime.listener());
		if (logger.isDebugEnabled()) {
			logger.debug(describeLaunching());
		}
	}

	/**
	 * Returns a builder with the defaults of the {@code ipc.process} properties.
	 * @return the builder
	 */
	public static DefaultProcessServiceBuilder builder() {
		return new DefaultProcessServiceBuilder();
	}

	/**
	 * Returns the registry of the processes this service runs.
	 * @return the registry
	 */
	public ProcessRegistry getRegistry() {
		return this.registry;
	}

	/**
	 * Returns how many callers are waiting in the service's queue for a slot of
	 * {@code max-concurrent}; {@link ProcessRegistry#queued()} also counts the callers waiting for
	 * a command's own limit.
	 * @return the number of queued callers
	 */
	public int getQueued() {
		return this.admission.capacity().queued();
	}

	/**
	 * Returns how many processes may run at once.
	 * @return the limit of concurrent processes
	 */
	public int getMaxConcurrent() {
		return this.admission.capacity().maxConcurrent();
	}

	/**
	 * Returns how many callers may wait for capacity before further runs are rejected at once.
	 * @return the capacity of the wait queue
	 */
	public int getQueueCapacity() {
		return this.admission.capacity().queueCapacity();
	}

	/**
	 * Returns the name of the launcher that starts processes: {@code native} ({@code posix_spawn})
	 * or {@code jdk} ({@link ProcessBuilder}).
	 * @return the launcher in effect
	 */
	public String getLauncher() {
		return this.runtime.containment().launcher().name();
	}

	/**
	 * Returns the mechanisms that keep the processes of a run together, such as
	 * {@code process-group+marker}: {@code process-group} when every run leads a process group of
	 * its own, {@code marker} when descendants that leave it are found by an inherited
	 * environment variable, {@code descendants} when only a snapshot of the process tree is
	 * taken when a run is terminated; followed by {@code +subreaper} when the JVM is a child
	 * subreaper that adopts and reaps the orphans of runs, {@code +orphan-reaper} when it runs
	 * as PID 1 and reaps the orphans it adopts, or {@code +no-subreaper} when it declined to
	 * become a subreaper because the launcher starts runs in the JVM's own session.
	 * @return the containment in effect
	 */
	public String getContainment() {
		return this.runtime.containment().mechanism();
	}

	/**
	 * Returns whether what is left of a run after its root exits is terminated by default.
	 * @return whether no descendant outlives its run
	 */
	public boolean isContainDescendants() {
		return this.runtime.containment().containDescendants();
	}

	/**
	 * Returns the service's looks at {@code /proc}, for tests.
	 */
	ProcessTableLooks tableLooks() {
		return this.runtime.containment().looks();
	}

	/**
	 * Describes the launcher and the containment in effect, in one sentence for a start-up log
	 * line.
	 * @return the description
	 */
	public String describeLaunching() {
		ProcessContainment containment = this.runtime.containment();
		return "Processes start with the " + containment.launcher().name() + " launcher; containment: "
				+ containment.mechanism() + (containment.containDescendants() ? " (no descendant outlives its run)"
						: " (descendants may outlive their run: ipc.process.contain-descendants=false)");
	}

	/**
	 * Returns whether the service has been closed and rejects every run.
	 * @return whether the service is closed
	 */
	public boolean isClosed() {
		return this.closed;
	}

	/**
	 * Returns how many runs were rejected for lack of capacity (or because the service was shut
	 * down) since it was created.
	 * @return the number of rejected runs
	 */
	public long getRejected() {
		return this.admission.rejected();
	}

	@Override
	public ProcessResult run(ProcessSpec spec) {
		return start(spec).await();
	}

	@Override
	public RunningProcess start(ProcessSpec spec) {
		Runnable release = this.admission.acquire(spec, this::isClosed);
		Lock lock = this.starts.readLock();
		lock.lock();
		try {
			if (this.closed) {
				release.run();
				throw this.admission.reject(spec, RunAdmission.SHUT_DOWN);
			}
			return launch(spec, release);
		}
		finally {
			lock.unlock();
		}
	}

	private RunningProcess launch(ProcessSpec spec, Runnable release) {
		Instant startTime = Instant.now();
		long startNanos = System.nanoTime();
		ProcessContainment containment = this.runtime.containment();
		boolean contained = containment.contains(spec);
		String marker = containment.newMarker(contained);
		Process process;
		try {
			process = containment.launcher().launch(spec, marker);
		}
		catch (IOException | RuntimeException ex) {
			release.run();
			return startFailed(spec, startTime, startNanos, ex);
		}
		catch (Error ex) {
			release.run();
			throw ex;
		}
		ManagedProcess running = null;
		try {
			running = new ManagedProcess(spec, process,
					containment.scope(process, marker, startNanos, contained), startTime, startNanos, this.runtime,
					(handle, result) -> finished(handle, result, release));
			this.registry.add(running);
			this.runtime.listener().processStarted(running.info());
			if (logger.isDebugEnabled()) {
				logger.debug("Started pid " + running.pid() + " (" + spec.displayName() + "): " + spec.command());
			}
			running.begin();
			return running;
		}
		catch (RuntimeException | Error ex) {
			abandon(process, running, release);
			throw ex;
		}
	}

	/**
	 * Undoes a start that failed after the child was launched: the caller gets no handle, so the
	 * tree is killed at once and its slot and registry entry are given back.
	 */
	private void abandon(Process process, @Nullable ManagedProcess running, Runnable release) {
		logger.warn("Start of pid " + process.pid() + " failed after launch; killing its process tree");
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
		if (running != null) {
			this.registry.remove(running);
		}
		release.run();
	}

	@Override
	public ProcessSpecBuilder command(String name, List<String> args) {
		return this.catalog.builder(name, args);
	}

	private RunningProcess startFailed(ProcessSpec spec, Instant startTime, long startNanos, Exception ex) {
		CapturedOutput empty = CapturedOutput.empty(spec.effectiveCharset());
		ProcessResult result = new ProcessResult(spec.command(), spec.name(), -1, -1, null, empty, empty, startTime,
				Duration.ofNanos(System.nanoTime() - startNanos), ProcessOutcome.START_FAILED,
				String.valueOf(ex.getMessage()).strip());
		logger.debug("Could not start " + spec.command(), ex);
		this.runtime.listener().processFinished(result);
		if (spec.check()) {
			ProcessStartException exception = new ProcessStartException(result);
			exception.initCause(ex);
			throw exception;
		}
		return RunningProcess.finished(result, false);
	}

	private void finished(RunningProcess process, @Nullable ProcessResult result, Runnable release) {
		this.registry.remove(process);
		release.run();
		if (result == null) {
			return;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Finished " + result);
		}
		this.runtime.listener().processFinished(result);
	}

	/**
	 * Stops accepting runs, terminates every running process tree ({@code SIGTERM}, then
	 * {@code SIGKILL} after the termination grace) and waits a bounded time for them to be
	 * reaped. The service's threads stop once every run has finished: a tree still being killed
	 * when the wait ends (or when the closing thread is interrupted) is still killed and its run
	 * finished, on daemon threads.
	 */
	@Override
	public void close() {
		if (!this.closing.compareAndSet(false, true)) {
			return;
		}
		this.closed = true;
		// one bound for the starts in flight, the runs being terminated and the leftovers of
		// finished runs alike: the close fits in the termination term of the shutdown budget
		long deadline = System.nanoTime() + getTerminationBound().toNanos();
		awaitStartsInFlight(deadline);
		List<ManagedProcess> running = managedProcesses();
		if (!running.isEmpty()) {
			logger.info("Terminating " + running.size() + " running process(es)");
			running.forEach((process) -> process.terminate(ProcessOutcome.CANCELLED));
			awaitFinished(running, deadline);
		}
		awaitSweeps(deadline);
		stopThreadsWhenFinished(managedProcesses());
	}

	private List<ManagedProcess> managedProcesses() {
		return this.registry.handles()
			.stream()
			.filter(ManagedProcess.class::isInstance)
			.map(ManagedProcess.class::cast)
			.toList();
	}

	/**
	 * Waits until every start that passed the closed check before {@link #closed} was set has
	 * registered its process, so that none escapes the termination.
	 */
	private void awaitStartsInFlight(long deadline) {
		Lock lock = this.starts.writeLock();
		long wait = Math.min(START_WAIT.toNanos(), Math.max(0, deadline - System.nanoTime()));
		try {
			// tryLock() first: it takes a free lock even when the closing thread is interrupted
			if (lock.tryLock() || lock.tryLock(wait, TimeUnit.NANOSECONDS)) {
				lock.unlock();
			}
			else {
				logger.warn("Starts still in progress " + TimeUnit.NANOSECONDS.toMillis(wait)
						+ " ms after the close began");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void stopThreadsWhenFinished(List<ManagedProcess> running) {
		// the leftovers of finished runs being terminated need the timer too
		CompletableFuture<?>[] ends = running.stream().map(ManagedProcess::result).toArray(CompletableFuture[]::new);
		CompletableFuture.allOf(CompletableFuture.allOf(ends), this.runtime.containment().sweeper().idle())
			.whenComplete((ignored, ex) -> {
				this.runtime.executor().shutdownNow();
				this.runtime.timer().shutdownNow();
				this.runtime.exits().shutdown();
			});
	}

	/**
	 * Kills every running process tree at once with {@code SIGKILL}, without a grace period and
	 * without waiting: the last resort of a forced shutdown, when the JVM is about to halt.
	 * @return how many processes were signalled
	 */
	public int killAll() {
		this.closed = true;
		int killed = 0;
		for (RunningProcess process : this.registry.handles()) {
			if (process instanceof ManagedProcess managed) {
				killed += managed.killNow();
			}
		}
		return killed;
	}

	/**
	 * Waits, until the close's deadline at most, for the leftovers of finished runs being
	 * terminated (each sweep takes the termination grace and the kill wait at most, which the
	 * deadline leaves it).
	 */
	private void awaitSweeps(long deadline) {
		Duration wait = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
		try {
			this.runtime.containment().sweeper().idle().get(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn("Leftovers of finished runs still being terminated " + wait.toMillis() + " ms after the close began");
		}
	}

	/**
	 * Returns the longest {@link #close()} waits for the processes it terminates: the termination
	 * grace, the wait for killed processes to disappear and the output drain timeout.
	 * @return the bound
	 */
	public Duration getTerminationBound() {
		ProcessLimits limits = this.runtime.limits();
		return terminationBound(limits.terminationGrace(), limits.outputDrainTimeout());
	}

	/**
	 * Returns the longest {@link #close()} waits for the processes it terminates, for the given
	 * settings (to check a deployment's limits without a service).
	 * @param terminationGrace {@code ipc.process.termination-grace}
	 * @param outputDrainTimeout {@code ipc.process.output-drain-timeout}
	 * @return the termination grace + the wait for killed processes to disappear + the output
	 * drain timeout
	 */
	public static Duration terminationBound(Duration terminationGrace, Duration outputDrainTimeout) {
		return terminationGrace.plus(TreeTermination.KILL_WAIT).plus(outputDrainTimeout);
	}

	private void awaitFinished(List<ManagedProcess> running, long deadline) {
		Duration wait = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
		try {
			CompletableFuture.allOf(running.stream().map(ManagedProcess::result).toArray(CompletableFuture[]::new))
				.get(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn(this.registry.size() + " process(es) still tracked " + wait.toMillis()
					+ " ms after the termination began", ex);
		}
	}

}
