package io.github.ipcboot.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * Builds a {@link DefaultProcessService}; the defaults are those of the {@code ipc.process}
 * properties.
 *
 * @since 0.1.0
 */
public final class DefaultProcessServiceBuilder {

	Duration defaultTimeout = Duration.ofSeconds(60);

	Duration terminationGrace = Duration.ofSeconds(5);

	DataSize maxCapturedOutput = DataSize.ofMegabytes(1);

	Duration outputDrainTimeout = Duration.ofSeconds(2);

	int maxLineLength = 64 * 1024;

	EnvironmentPolicy commandEnvironment = EnvironmentPolicy.defaults();

	int maxConcurrent = 16;

	int queueCapacity = 100;

	Duration queueWait = Duration.ofSeconds(10);

	boolean virtualThreads = true;

	ProcessRegistry registry = new ProcessRegistry();

	LauncherType launcher = LauncherType.AUTO;

	/** A launcher that replaces the one of {@link #launcher}, for tests. */
	private @Nullable ProcessLauncher processLauncher;

	boolean containDescendants = true;

	boolean childSubreaper = true;

	final Map<String, Boolean> commandContainment = new LinkedHashMap<>();

	final List<CommandDefinition> commands = new ArrayList<>();

	final List<ProcessListener> listeners = new ArrayList<>();

	DefaultProcessServiceBuilder() {
	}

	/**
	 * Sets how long a run may take when its spec sets no timeout.
	 * @param defaultTimeout the timeout, or {@link Duration#ZERO} for no limit
	 * @return this builder
	 */
	public DefaultProcessServiceBuilder defaultTimeout(Duration defaultTimeout) {
		this.defaultTimeout = requireNotNegative(defaultTimeout, "Default timeout");
		return this;
	}

	/**
	 * Sets how long a process tree gets between {@code SIGTERM} and {@code SIGKILL}.
	 * @param terminationGrace the grace
	 * @return this builder
	 */
	public DefaultProcessServiceBuilder terminationGrace(Duration terminationGrace) {
		this.terminationGrace = requireNotNegative(terminationGrace, "Termination grace");
		return this;
	}

	/**
	 * Sets how much of each output stream is kept when the spec sets no limit.
	 * @param maxCapturedOutput the limit per stream
	 * @return this builder
	 */
	public DefaultProcessServiceBuilder maxCapturedOutput(DataSize maxCapturedOutput) {
		if (maxCapturedOutput.isNegative()) {
			throw new IllegalArgumentException("Max captured output must not be negative (was " + maxCapturedOutput + ")");
		}
		this.maxCapturedOutput = maxCapturedOutput;
		return this;
	}

	/**
	 * Sets the longest line, in characters, a line listener gets in one piece when the spec sets
	 * no limit; a longer line arrives in pieces of this length.
	 * @param maxLineLength the length, at least 1
	 * @return this builder
	 * @since 0.2.0
	 */
	public DefaultProcessServiceBuilder maxLineLength(int maxLineLength) {
		this.maxLineLength = ProcessLimits.requireMaxLineLength(maxLineLength);
		return this;
	}

	/**
	 * Sets which of the application's environment variables a named command inherits when its
	 * definition sets no policy of its own; by default only {@link EnvironmentPolicy#defaults()}.
	 * @param commandEnvironment the policy
	 * @return this builder
	 * @since 0.2.0
	 */
	public DefaultProcessServiceBuilder commandEnvironment(EnvironmentPolicy commandEnvironment) {
		this.commandEnvironment = commandEnvironment;
		return this;
	}

	/**
	 * Sets how long to wait, once a process has exited, for its output pipes to close.
	 * @param outputDrainTimeout the wait
	 * @return this builder
	 */
	public DefaultProcessServiceBuilder outputDrainTimeout(Duration outputDrainTimeout) {
		this.outputDrainTimeout = requireNotNegative(outputDrainTimeout, "Output drain timeout");
		return this;
	}

	/**
	 * Sets how many processes may run at once.
	 * @param maxConcurrent the limit, at least 1
	 * @return this builder
	 */
	public DefaultProcessServiceBuilder maxConcurrent(int maxConcurrent) {
		if (maxConcurrent < 1) {
			throw new IllegalArgumentException("Max concurrent must be at least 1 (was " + maxConcurrent + ")");
		}
		this.maxConcurrent = maxConcurrent;
		return this;
	}

	/**
	 * Sets how many callers may wait for capacity, and for how long, before being rejected.
	 * @param capacity how many callers may wait; 0 rejects at once when the limit is reached
	 * @param wait how long a caller waits at the most
	 * @return this builder
	 */
	public DefaultProcessServiceBuilder queue(int capacity, Duration wait) {
		if (capacity < 0) {
			throw new IllegalArgumentException("Queue capacity must not be negative (was " + capacity + ")");
		}
		this.queueCapacity = capacity;
		this.queueWait = requireNotNegative(wait, "Queue wait");
		return this;
	}

	/**
	 * Sets whether the threads that pump output are virtual threads when the runtime has them.
	 * @param virtualThreads whether to use virtual threads
	 * @return this builder
	 */
	public DefaultProcessServiceBuilder virtualThreads(boolean virtualThreads) {
		this.virtualThreads = virtualThreads;
		return this;
	}

	/**
	 * Sets which launcher starts processes.
	 * @param launcher the launcher; {@link LauncherType#NATIVE} makes {@link #build()} fail
	 * where the native launcher cannot run
	 * @return this builder
	 */
	public DefaultProcessServiceBuilder launcher(LauncherType launcher) {
		this.launcher = launcher;
		return this;
	}

	/**
	 * Sets whether what is left of a run after its root process exits (background children,
	 * daemons, double forks, even those that left the process group) is terminated:
	 * {@code SIGTERM}, then {@code SIGKILL} after the termination grace. Turn it off for runs that
	 * start daemons on purpose.
	 * @param containDescendants whether no descendant outlives its run
	 * @return this builder
	 */
	public DefaultProcessServiceBuilder containDescendants(boolean containDescendants) {
		this.containDescendants = containDescendants;
		return this;
	}

	/**
	 * Sets, for one named command, whether what is left of its runs after the root process
	 * exits is terminated, overriding {@link #containDescendants(boolean)}.
	 * @param command the name of the command
	 * @param containDescendants whether no descendant outlives a run of the command
	 * @return this builder
	 */
	public DefaultProcessServiceBuilder containDescendants(String command, boolean containDescendants) {
		this.commandContainment.put(command, containDescendants);
		return this;
	}

	/**
	 * Sets the launcher itself, in place of {@link #launcher(LauncherType)} (for tests).
	 */
	DefaultProcessServiceBuilder launcher(ProcessLauncher processLauncher) {
		this.processLauncher = processLauncher;
		return this;
	}

	/**
	 * Sets whether the JVM makes itself a child subreaper ({@code prctl(PR_SET_CHILD_SUBREAPER)},
	 * Linux with JDK 22+) when some runs are contained, so that the orphans of runs are
	 * re-parented to the JVM rather than to init, terminated with their run and reaped by it. The
	 * setting is for the whole JVM and stays once made; a JVM running as PID 1 reaps the orphans
	 * it adopts either way.
	 * @param childSubreaper whether the JVM becomes a child subreaper
	 * @return this builder
	 * @since 0.2.0
	 */
	public DefaultProcessServiceBuilder childSubreaper(boolean childSubreaper) {
		this.childSubreaper = childSubreaper;
		return this;
	}

	/**
	 * Sets the registry the service tracks its processes in.
	 * @param registry the registry, used by this service only
	 * @return this builder
	 */
	public DefaultProcessServiceBuilder registry(ProcessRegistry registry) {
		this.registry = registry;
		return this;
	}

	/**
	 * Adds a named command.
	 * @param command the command
	 * @return this builder
	 */
	public DefaultProcessServiceBuilder command(CommandDefinition command) {
		this.commands.add(command);
		return this;
	}

	/**
	 * Adds a listener.
	 * @param listener the listener
	 * @return this builder
	 */
	public DefaultProcessServiceBuilder listener(ProcessListener listener) {
		this.listeners.add(listener);
		return this;
	}

	/**
	 * Builds the service.
	 * @return the service, to be closed when no longer needed
	 */
	public DefaultProcessService build() {
		return new DefaultProcessService(this);
	}

	ProcessContainment containment() {
		ProcessLauncher processLauncher = (this.processLauncher != null) ? this.processLauncher
				: ProcessLaunchers.of(this.launcher);
		boolean someContained = this.containDescendants || this.commandContainment.containsValue(true);
		return new ProcessContainment(processLauncher, this.containDescendants, this.commandContainment,
				ProcessLaunchers.adoptOrphans(processLauncher, this.childSubreaper && someContained));
	}

	ProcessLimits limits() {
		return new ProcessLimits(this.defaultTimeout, this.terminationGrace, this.maxCapturedOutput,
				this.outputDrainTimeout, this.maxLineLength);
	}

	private static Duration requireNotNegative(Duration duration, String what) {
		return SupportedDurations.require(duration, what);
	}

}
