package io.github.ipcboot.process;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tracks every process a {@link DefaultProcessService} started, from its start until it has
 * exited and its output is drained, and counts the callers waiting for capacity to start one.
 *
 * @since 0.1.0
 */
public final class ProcessRegistry {

	private final Map<Long, RunningProcess> processes = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> waiting = new ConcurrentHashMap<>();

	/**
	 * Returns a snapshot of the tracked processes, oldest first.
	 * @return the processes
	 */
	public List<ProcessInfo> list() {
		return this.processes.values()
			.stream()
			.map(RunningProcess::info)
			.sorted(Comparator.comparing(ProcessInfo::startTime))
			.toList();
	}

	/**
	 * Returns the handle of a tracked process.
	 * @param pid the process id
	 * @return the handle, or empty if no tracked process has that id
	 */
	public Optional<RunningProcess> find(long pid) {
		return Optional.ofNullable(this.processes.get(pid));
	}

	/**
	 * Returns how many processes are tracked.
	 * @return the number of processes
	 */
	public int size() {
		return this.processes.size();
	}

	/**
	 * Returns how many tracked processes run the given command.
	 * @param name the command name, or {@code adhoc}
	 * @return the number of processes
	 */
	public long count(String name) {
		return this.processes.values().stream().filter((p) -> p.info().displayName().equals(name)).count();
	}

	/**
	 * Returns how many callers wait for capacity to run the given command, whichever limit
	 * (the service's or the command's own) they wait for.
	 * @param name the command name, or {@code adhoc}
	 * @return the number of waiting callers
	 */
	public int queued(String name) {
		AtomicInteger count = this.waiting.get(name);
		return (count != null) ? count.get() : 0;
	}

	/**
	 * Returns how many callers wait for capacity, whatever they run.
	 * @return the number of waiting callers
	 */
	public int queued() {
		return this.waiting.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	/**
	 * Returns the counter of the callers waiting to run the given command.
	 */
	AtomicInteger waiting(String name) {
		return this.waiting.computeIfAbsent(name, (key) -> new AtomicInteger());
	}

	List<RunningProcess> handles() {
		return List.copyOf(this.processes.values());
	}

	void add(RunningProcess process) {
		this.processes.put(process.pid(), process);
	}

	void remove(RunningProcess process) {
		this.processes.remove(process.pid(), process);
	}

}
