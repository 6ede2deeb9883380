package io.github.ipcboot.process.autoconfigure;

import java.io.File;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.ipcboot.process.LauncherType;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;

import io.github.ipcboot.process.EnvironmentPolicy;

/**
 * Configuration properties of the process-execution service.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(prefix = "ipc.process", ignoreUnknownFields = false)
public class ProcessProperties {

	/**
	 * Maximum number of processes running at the same time.
	 */
	private int maxConcurrent = 16;

	/**
	 * Time a run may take when neither its command nor its spec sets a timeout; 0 disables it.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration defaultTimeout = Duration.ofSeconds(60);

	/**
	 * Time a process tree gets between SIGTERM and SIGKILL on timeout, cancellation or shutdown.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration terminationGrace = Duration.ofSeconds(5);

	/**
	 * Maximum output kept per stream of a run; beyond it the first and the last half are kept and
	 * the rest is drained and discarded.
	 */
	private DataSize maxCapturedOutput = DataSize.ofMegabytes(1);

	/**
	 * Longest line, in characters, a line listener gets in one piece; a longer line arrives in
	 * pieces of this length.
	 */
	private int maxLineLength = 65536;

	/**
	 * Time to wait, once a process has exited, for its output pipes to close, which a background
	 * descendant may keep open.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration outputDrainTimeout = Duration.ofSeconds(2);

	/**
	 * Whether the threads that drain output and feed input are virtual threads when the runtime
	 * has them (Java 21 and later).
	 */
	private boolean virtualThreads = true;

	/**
	 * Launcher that starts processes: native (posix_spawn through the Foreign Function & Memory
	 * API, JDK 22+ on Linux), jdk (ProcessBuilder), or auto for native where it works.
	 */
	private LauncherType launcher = LauncherType.AUTO;

	/**
	 * Whether what is left of a run after its root process exits (background children, double
	 * forks, children that left its process group) is terminated, SIGTERM then SIGKILL after the
	 * termination grace; turn off for runs that start daemons on purpose.
	 */
	private boolean containDescendants = true;

	/**
	 * Whether the JVM makes itself a child subreaper (Linux, JDK 22+) while descendants are
	 * contained and runs start in sessions of their own, so that orphans of runs are re-parented
	 * to it, terminated with their run and reaped by it; a setting for the whole JVM.
	 */
	private boolean childSubreaper = true;

	private final Queue queue = new Queue();

	private final Environment environment = new Environment();

	/**
	 * Named commands, by name.
	 */
	private final Map<String, Command> commands = new LinkedHashMap<>();

	public int getMaxConcurrent() {
		return this.maxConcurrent;
	}

	public void setMaxConcurrent(int maxConcurrent) {
		this.maxConcurrent = maxConcurrent;
	}

	public Duration getDefaultTimeout() {
		return this.defaultTimeout;
	}

	public void setDefaultTimeout(Duration defaultTimeout) {
		this.defaultTimeout = defaultTimeout;
	}

	public Duration getTerminationGrace() {
		return this.terminationGrace;
	}

	public void setTerminationGrace(Duration terminationGrace) {
		this.terminationGrace = terminationGrace;
	}

	public DataSize getMaxCapturedOutput() {
		return this.maxCapturedOutput;
	}

	public void setMaxCapturedOutput(DataSize maxCapturedOutput) {
		this.maxCapturedOutput = maxCapturedOutput;
	}

	public int getMaxLineLength() {
		return this.maxLineLength;
	}

	public void setMaxLineLength(int maxLineLength) {
		this.maxLineLength = maxLineLength;
	}

	public Duration getOutputDrainTimeout() {
		return this.outputDrainTimeout;
	}

	public void setOutputDrainTimeout(Duration outputDrainTimeout) {
		this.outputDrainTimeout = outputDrainTimeout;
	}

	public boolean isVirtualThreads() {
		return this.virtualThreads;
	}

	public void setVirtualThreads(boolean virtualThreads) {
		this.virtualThreads = virtualThreads;
	}

	public LauncherType getLauncher() {
		return this.launcher;
	}

	public void setLauncher(LauncherType launcher) {
		this.launcher = launcher;
	}

	public boolean isContainDescendants() {
		return this.containDescendants;
	}

	public void setContainDescendants(boolean containDescendants) {
		this.containDescendants = containDescendants;
	}

	public boolean isChildSubreaper() {
		return this.childSubreaper;
	}

	public void setChildSubreaper(boolean childSubreaper) {
		this.childSubreaper = childSubreaper;
	}

	public Queue getQueue() {
		return this.queue;
	}

	public Environment getEnvironment() {
		return this.environment;
	}

	public Map<String, Command> getCommands() {
		return this.commands;
	}

	/**
	 * What named commands inherit of the application's environment variables.
	 */
	public static class Environment {

		/**
		 * Which of the application's environment variables named commands inherit: all, only the
		 * allowed ones, or none.
		 */
		private EnvironmentPolicy.Inheritance inherit = EnvironmentPolicy.Inheritance.ALLOWED;

		/**
		 * Names of the variables named commands inherit when inherit is 'allowed'; a name ending
		 * in '*' matches every variable that starts with what comes before it.
		 */
		private List<String> allow = new ArrayList<>(EnvironmentPolicy.DEFAULT_ALLOWED);

		public EnvironmentPolicy.Inheritance getInherit() {
			return this.inherit;
		}

		public void setInherit(EnvironmentPolicy.Inheritance inherit) {
			this.inherit = inherit;
		}

		public List<String> getAllow() {
			return this.allow;
		}

		public void setAllow(List<String> allow) {
			this.allow = allow;
		}

	}

	/**
	 * The queue of runs waiting for a slot when {@code max-concurrent} is reached.
	 */
	public static class Queue {

		/**
		 * Maximum number of runs waiting for a slot; further runs are rejected at once.
		 */
		private int capacity = 100;

		/**
		 * Maximum time a run waits for a slot before it is rejected.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration wait = Duration.ofSeconds(10);

		public int getCapacity() {
			return this.capacity;
		}

		public void setCapacity(int capacity) {
			this.capacity = capacity;
		}

		public Duration getWait() {
			return this.wait;
		}

		public void setWait(Duration wait) {
			this.wait = wait;
		}

	}

	/**
	 * A named command that callers run by name, extending it only with allowed arguments.
	 */
	public static class Command {

		/**
		 * Program and fixed arguments, each passed to the program verbatim, never through a shell.
		 */
		private List<String> command = new ArrayList<>();

		/**
		 * Working directory; the application's when not set.
		 */
		private @Nullable File directory;

		/**
		 * Environment variables set for this command, on top of what it inherits.
		 */
		private Map<String, String> environment = new LinkedHashMap<>();

		/**
		 * Which of the application's environment variables this command inherits (all, allowed or
		 * none); when not set, ipc.process.environment.inherit applies.
		 */
		private EnvironmentPolicy.@Nullable Inheritance inheritEnvironment;

		/**
		 * Names of further variables this command inherits, in addition to
		 * ipc.process.environment.allow, when it inherits the allowed ones.
		 */
		private List<String> allowEnvironment = new ArrayList<>();

		/**
		 * Time a run of this command may take; 0 disables the timeout, and when not set the
		 * default timeout applies.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration timeout;

		/**
		 * Regular expression every extra argument must match as a whole; when not set the
		 * command accepts no extra arguments.
		 */
		private @Nullable String allowedArgs;

		/**
		 * Maximum number of runs of this command at the same time, within the overall limit; 0
		 * for no limit of its own.
		 */
		private int maxConcurrent;

		/**
		 * Whether the extra arguments are sensitive and shown redacted in logs, messages and
		 * results.
		 */
		private boolean sensitiveArgs;

		/**
		 * Whether what is left of a run of this command after its root process exits is
		 * terminated; when not set the global contain-descendants applies.
		 */
		private @Nullable Boolean containDescendants;

		public List<String> getCommand() {
			return this.command;
		}

		public void setCommand(List<String> command) {
			this.command = command;
		}

		public @Nullable File getDirectory() {
			return this.directory;
		}

		public void setDirectory(@Nullable File directory) {
			this.directory = directory;
		}

		public Map<String, String> getEnvironment() {
			return this.environment;
		}

		public void setEnvironment(Map<String, String> environment) {
			this.environment = environment;
		}

		public EnvironmentPolicy.@Nullable Inheritance getInheritEnvironment() {
			return this.inheritEnvironment;
		}

		public void setInheritEnvironment(EnvironmentPolicy.@Nullable Inheritance inheritEnvironment) {
			this.inheritEnvironment = inheritEnvironment;
		}

		public List<String> getAllowEnvironment() {
			return this.allowEnvironment;
		}

		public void setAllowEnvironment(List<String> allowEnvironment) {
			this.allowEnvironment = allowEnvironment;
		}

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable String getAllowedArgs() {
			return this.allowedArgs;
		}

		public void setAllowedArgs(@Nullable String allowedArgs) {
			this.allowedArgs = allowedArgs;
		}

		public int getMaxConcurrent() {
			return this.maxConcurrent;
		}

		public void setMaxConcurrent(int maxConcurrent) {
			this.maxConcurrent = maxConcurrent;
		}

		public boolean isSensitiveArgs() {
			return this.sensitiveArgs;
		}

		public void setSensitiveArgs(boolean sensitiveArgs) {
			this.sensitiveArgs = sensitiveArgs;
		}

		public @Nullable Boolean getContainDescendants() {
			return this.containDescendants;
		}

		public void setContainDescendants(@Nullable Boolean containDescendants) {
			this.containDescendants = containDescendants;
		}

	}

}
