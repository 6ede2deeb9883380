package io.github.ipcboot.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Admits runs within the capacity of a {@link DefaultProcessService}: a slot of
 * {@code max-concurrent} and, for a named command with a limit of its own, one of the command's,
 * waiting in the bounded queue for at most the queue wait; counts and reports the runs it rejects.
 */
final class RunAdmission {

	static final String SHUT_DOWN = "the process service is shut down";

	private final CapacityLimiter capacity;

	private final Map<String, CapacityLimiter> commandCapacity;

	private final Duration queueWait;

	private final ProcessRegistry registry;

	private final ProcessListener listener;

	private final AtomicLong rejected = new AtomicLong();

	RunAdmission(DefaultProcessServiceBuilder builder, List<CommandDefinition> commands, ProcessListener listener) {
		this.capacity = new CapacityLimiter("max-concurrent", builder.maxConcurrent, builder.queueCapacity,
				builder.queueWait);
		this.commandCapacity = commands.stream()
			.filter((command) -> command.maxConcurrent() > 0)
			.collect(Collectors.toUnmodifiableMap(CommandDefinition::name,
					(command) -> new CapacityLimiter("max-concurrent of command '" + command.name() + "'",
							command.maxConcurrent(), builder.queueCapacity, builder.queueWait)));
		this.queueWait = builder.queueWait;
		this.registry = builder.registry;
		this.listener = listener;
	}

	/**
	 * Takes the slots a run needs, or rejects it.
	 * @param closed whether the service is closed, asked before and after each wait
	 * @return what gives the slots back; it does so once however often it runs
	 * @throws ProcessRejectedException if the queue is full, the wait too long, the caller
	 * interrupted or the service closed
	 */
	Runnable acquire(ProcessSpec spec, BooleanSupplier closed) {
		CapacityLimiter own = (spec.name() != null) ? this.commandCapacity.get(spec.name()) : null;
		List<CapacityLimiter> limiters = (own != null) ? List.of(own, this.capacity) : List.of(this.capacity);
		List<CapacityLimiter> taken = new ArrayList<>(limiters.size());
		AtomicInteger waiting = this.registry.waiting(spec.displayName());
		Runnable release = once(() -> taken.forEach(CapacityLimiter::release));
		long deadline = System.nanoTime() + this.queueWait.toNanos();
		try {
			for (CapacityLimiter limiter : limiters) {
				String rejected = closed.getAsBoolean() ? SHUT_DOWN : limiter.acquire(deadline, waiting);
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
		if (closed.getAsBoolean()) {
			release.run();
			throw reject(spec, SHUT_DOWN);
		}
		return release;
	}

	ProcessRejectedException reject(ProcessSpec spec, String reason) {
		ProcessRejectedException exception = new ProcessRejectedException(spec.displayName(), reason);
		this.rejected.incrementAndGet();
		this.listener.processRejected(exception);
		return exception;
	}

	CapacityLimiter capacity() {
		return this.capacity;
	}

	long rejected() {
		return this.rejected.get();
	}

	private static Runnable once(Runnable action) {
		AtomicBoolean done = new AtomicBoolean();
		return () -> {
			if (done.compareAndSet(false, true)) {
				action.run();
			}
		};
	}

}
