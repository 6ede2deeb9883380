package io.github.ipcboot.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A named command, usually configured under {@code ipc.process.commands.<name>}: a fixed argument
 * vector that callers can extend only with arguments matching {@code allowedArgs}.
 *
 * @param name the command name
 * @param command the program followed by its fixed arguments
 * @param directory the working directory, or {@code null} for the application's
 * @param environment variables set on top of what the command inherits
 * @param timeout how long the command may run, {@link Duration#ZERO} for no limit, or
 * {@code null} for the service's default
 * @param allowedArgs the pattern every extra argument must match as a whole, or {@code null} to
 * accept no extra arguments
 * @param maxConcurrent how many runs of this command may run at once, {@code 0} for no limit
 * of its own
 * @param sensitiveArgs whether the extra arguments are sensitive and redacted
 * @param environmentPolicy which of the application's environment variables the command
 * inherits, or {@code null} for the service's default for named commands (by default only
 * {@link EnvironmentPolicy#defaults()})
 * @since 0.1.0
 */
public record CommandDefinition(String name, List<String> command, @Nullable Path directory,
		Map<String, String> environment, @Nullable Duration timeout, @Nullable Pattern allowedArgs, int maxConcurrent,
		boolean sensitiveArgs, @Nullable EnvironmentPolicy environmentPolicy) {

	/**
	 * Creates a command definition.
	 * @param name the command name
	 * @param command the program followed by its fixed arguments
	 * @param directory the working directory, or {@code null}
	 * @param environment variables set on top of what the command inherits
	 * @param timeout how long the command may run, zero for no limit, or {@code null}
	 * @param allowedArgs the pattern every extra argument must match, or {@code null}
	 * @param maxConcurrent how many runs may run at once, {@code 0} for no limit of its own
	 * @param sensitiveArgs whether the extra arguments are sensitive
	 * @param environmentPolicy which of the application's environment variables are inherited,
	 * or {@code null} for the service's default
	 * @since 0.2.0
	 */
	public CommandDefinition {
		if (command.isEmpty()) {
			throw new IllegalArgumentException("Command '" + name + "' needs at least the program to run");
		}
		if (maxConcurrent < 0) {
			throw new IllegalArgumentException(
					"Command '" + name + "' max-concurrent must not be negative (was " + maxConcurrent + ")");
		}
		if (timeout != null) {
			SupportedDurations.require(timeout, "Command '" + name + "' timeout");
		}
		command = List.copyOf(command);
		environment = Map.copyOf(environment);
	}

	/**
	 * Creates a command definition with the service's default environment policy.
	 * @param name the command name
	 * @param command the program followed by its fixed arguments
	 * @param directory the working directory, or {@code null}
	 * @param environment variables set on top of what the command inherits
	 * @param timeout how long the command may run, zero for no limit, or {@code null}
	 * @param allowedArgs the pattern every extra argument must match, or {@code null}
	 * @param maxConcurrent how many runs may run at once, {@code 0} for no limit of its own
	 * @param sensitiveArgs whether the extra arguments are sensitive
	 */
	public CommandDefinition(String name, List<String> command, @Nullable Path directory,
			Map<String, String> environment, @Nullable Duration timeout, @Nullable Pattern allowedArgs,
			int maxConcurrent, boolean sensitiveArgs) {
		this(name, command, directory, environment, timeout, allowedArgs, maxConcurrent, sensitiveArgs, null);
	}

	/**
	 * Returns a definition with only a name and an argument vector: no extra arguments allowed,
	 * service defaults for everything else.
	 * @param name the command name
	 * @param command the program followed by its fixed arguments
	 * @return the definition
	 */
	public static CommandDefinition of(String name, String... command) {
		return new CommandDefinition(name, List.of(command), null, Map.of(), null, null, 0, false);
	}

	/**
	 * Returns a copy of this definition whose extra arguments must match the given pattern.
	 * @param regex the pattern every extra argument must match as a whole
	 * @return the new definition
	 */
	public CommandDefinition withAllowedArgs(String regex) {
		return new CommandDefinition(this.name, this.command, this.directory, this.environment, this.timeout,
				Pattern.compile(regex), this.maxConcurrent, this.sensitiveArgs, this.environmentPolicy);
	}

	/**
	 * Returns a copy of this definition with its own limit of concurrent runs.
	 * @param maxConcurrent how many runs may run at once
	 * @return the new definition
	 */
	public CommandDefinition withMaxConcurrent(int maxConcurrent) {
		return new CommandDefinition(this.name, this.command, this.directory, this.environment, this.timeout,
				this.allowedArgs, maxConcurrent, this.sensitiveArgs, this.environmentPolicy);
	}

	/**
	 * Returns a copy of this definition with its own environment policy.
	 * @param environmentPolicy which of the application's environment variables it inherits
	 * @return the new definition
	 * @since 0.2.0
	 */
	public CommandDefinition withEnvironmentPolicy(EnvironmentPolicy environmentPolicy) {
		return new CommandDefinition(this.name, this.command, this.directory, this.environment, this.timeout,
				this.allowedArgs, this.maxConcurrent, this.sensitiveArgs, environmentPolicy);
	}

}
