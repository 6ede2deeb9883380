package io.github.ipcboot.process;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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

	private static final String SHUT_DOWN = "the process service is shut down";

	private final ServiceRuntime runtime;

	private final CommandCatalog catalog;

	private final ProcessRegistry registry;

	private final CapacityLimiter capacity;

	private final Map<String, CapacityLimiter> commandCapacity;

	private final Duration queueWait;

	private final AtomicLong rejected = new AtomicLong();

	private volatile boolean closed;

	DefaultProcessService(DefaultProcessServiceBuilder builder) {
		ProcessContainment containment = builder.containment();
		ExecutorService executor = ProcessThreads.newExecutor(builder.maxConcurrent,
				builder.virtualThreads && containment.launcher().pumpsOnVirtualThreads());
		ScheduledThreadPoolExecutor timer = ProcessThreads.newTimer();
		this.runtime = new ServiceRuntime(builder.limits(), executor, timer, new SafeListener(builder.listeners),
				containment);
		this.catalog = new CommandCatalog(builder.commands);
		this.registry = builder.registry;
		this.capacity = new CapacityLimiter("max-concurrent", builder.maxConcurrent, builder.queueCapacity,
				builder.queueWait);
		this.commandCapacity = this.catalog.definitions()
			.stream()
			.filter((command) -> command.maxConcurrent() > 0)
			.collect(Collectors.toUnmodifiableMap(CommandDefinition::name,
					(command) -> new CapacityLimiter("max-concurrent of command '" + command.name() + "'",
							command.maxConcurrent(), builder.queueCapacity, builder.queueWait)));
		this.queueWait = builder.queueWait;
		logger.info("Processes start with the " + containment.launcher().name() + " launcher; containment: "
				+ containment.mechanism() + (containment.containDescendants() ? " (no descendant outlives its run)"
						: " (descendants may outlive their run: ipc.process.contain-descendants=false)"));
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
		return this.capacity.queued();
	}

	/**
	 * Returns how many processes may run at once.
	 * @return the limit of concurrent processes
	 */
	public int getMaxConcurrent() {
		return this.capacity.maxConcurrent();
	}

	/**
	 * Returns how many callers may wait for capacity before further runs are rejected at once.
	 * @return the capacity of the wait queue
	 */
	public int getQueueCapacity() {
		return this.capacity.queueCapacity();
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
	 * taken when a run is terminated.
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
		return this.rejected.get();
	}

	@Override
	public ProcessResult run(ProcessSpec spec) {
		return start(spec).await();
	}

	@Override
	public RunningProcess start(ProcessSpec spec) {
		Runnable release = acquire(spec);
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
		ManagedProcess running = new ManagedProcess(spec, process,
				containment.scope(process, marker, startNanos, contained), startTime, startNanos, this.runtime,
				(handle, result) -> finished(handle, result, release));
		this.registry.add(running);
		this.runtime.listener().processStarted(running.info());
		if (logger.isDebugEnabled()) {
			logger.debug("Started pid " + running.pid() + " (" + spec.displayName() + "): " + spec.command());
		}
		running.begin();
		if (this.closed) {
			running.cancel();
		}
		return running;
	}

	@Override
	public ProcessSpecBuilder command(String name, List<String> args) {
		return this.catalog.builder(name, args);
	}

	private Runnable acquire(ProcessSpec spec) {
		CapacityLimiter own = (spec.name() != null) ? this.commandCapacity.get(spec.name()) : null;
		List<CapacityLimiter> limiters = (own != null) ? List.of(own, this.capacity) : List.of(this.capacity);
		List<CapacityLimiter> taken = new ArrayList<>(limiters.size());
		AtomicInteger waiting = this.registry.waiting(spec.displayName());
		Runnable release = () -> taken.forEach(CapacityLimiter::release);
		long deadline = System.nanoTime() + this.queueWait.toNanos();
		try {
			for (CapacityLimiter limiter : limiters) {
				String rejected = this.closed ? SHUT_DOWN : limiter.acquire(deadline, waiting);
				if (rejected != null) {
					release.run();
					throw reject(spec, rejected);
				}
				taken.add(limiter);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			release.run();
			throw reject(spec, "interrupted while waiting for capacity");
		}
		if (this.closed) {
			release.run();
			throw reject(spec, SHUT_DOWN);
		}
		return release;
	}

	private ProcessRejectedException reject(ProcessSpec spec, String reason) {
		ProcessRejectedException exception = new ProcessRejectedException(spec.displayName(), reason);
		this.rejected.incrementAndGet();
		this.runtime.listener().processRejected(exception);
		return exception;
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

	private void finished(RunningProcess process, ProcessResult result, Runnable release) {
		this.registry.remove(process);
		release.run();
		if (logger.isDebugEnabled()) {
			logger.debug("Finished " + result);
		}
		this.runtime.listener().processFinished(result);
	}

	/**
	 * Stops accepting runs, terminates every running process tree ({@code SIGTERM}, then
	 * {@code SIGKILL} after the termination grace) and waits a bounded time for them to be
	 * reaped, then stops the service's threads.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		List<ManagedProcess> running = this.registry.handles()
			.stream()
			.filter(ManagedProcess.class::isInstance)
			.map(ManagedProcess.class::cast)
			.toList();
		if (!running.isEmpty()) {
			logger.info("Terminating " + running.size() + " running process(es)");
			running.forEach((process) -> process.terminate(ProcessOutcome.CANCELLED));
			awaitFinished(running);
		}
		awaitSweeps();
		this.runtime.executor().shutdownNow();
		this.runtime.timer().shutdownNow();
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
	 * Waits a bounded time for the leftovers of finished runs being terminated.
	 */
	private void awaitSweeps() {
		Duration wait = this.runtime.limits().terminationGrace().plus(TreeTermination.KILL_WAIT);
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

	private void awaitFinished(List<ManagedProcess> running) {
		ProcessLimits limits = this.runtime.limits();
		Duration wait = limits.terminationGrace().plus(TreeTermination.KILL_WAIT).plus(limits.outputDrainTimeout());
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
