package io.github.ipcboot.process;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Everything about one process run: what to run, where, with which environment and input, and
 * how long and how much output to accept. The program is started directly with its argument
 * vector, never through a shell, unless the spec is built with {@link #shell(String)}. Create one
 * with {@link #of(String...)} or {@link #builder(String, String...)}.
 *
 * @param command the argument vector, with its sensitive arguments
 * @param name the configured command name, or {@code null} for an ad-hoc command
 * @param directory the working directory, or {@code null} for the application's
 * @param environmentPolicy which of the application's environment variables the program inherits
 * @param environment variables to set
 * @param removedEnvironment variables to remove
 * @param stdin what the program reads on its standard input
 * @param timeout how long the program may run, {@link Duration#ZERO} for no limit, or
 * {@code null} for the service's default
 * @param charset the charset to decode output with, or {@code null} for the platform's
 * {@code native.encoding}
 * @param maxCapturedOutput how much of each output stream to keep, or {@code null} for the
 * service's default
 * @param mergeStderr whether standard error is merged into standard output
 * @param allowedExitCodes the exit codes that count as success
 * @param check whether a run that does not succeed raises a {@link ProcessResultException}
 * @param stdoutListener called with each line of standard output as the program prints it
 * @param stderrListener called with each line of standard error as the program prints it
 * @param stdoutTarget where standard output goes instead of the capture, or {@code null} to
 * capture it
 * @param stderrTarget where standard error goes instead of the capture, or {@code null} to
 * capture it
 * @param maxLineLength the longest line, in characters, a line listener gets in one piece, or
 * {@code null} for the service's default
 * @since 0.1.0
 */
public record ProcessSpec(CommandLine command, @Nullable String name, @Nullable Path directory,
		EnvironmentPolicy environmentPolicy, Map<String, String> environment, Set<String> removedEnvironment,
		ProcessInput stdin, @Nullable Duration timeout, @Nullable Charset charset,
		@Nullable DataSize maxCapturedOutput, boolean mergeStderr, Set<Integer> allowedExitCodes, boolean check,
		@Nullable Consumer<String> stdoutListener, @Nullable Consumer<String> stderrListener,
		@Nullable ProcessOutput stdoutTarget, @Nullable ProcessOutput stderrTarget, @Nullable Integer maxLineLength) {

	/**
	 * The shell used by {@link #shell(String)}.
	 */
	public static final String SHELL = "/bin/sh";

	/**
	 * Creates a spec; prefer {@link #builder(String, String...)}.
	 * @param command the argument vector, with its sensitive arguments
	 * @param name the configured command name, or {@code null}
	 * @param directory the working directory, or {@code null}
	 * @param environmentPolicy which of the application's environment variables are inherited
	 * @param environment variables to set
	 * @param removedEnvironment variables to remove
	 * @param stdin what the program reads on its standard input
	 * @param timeout how long the program may run, zero for no limit, {@code null} for the default
	 * @param charset the charset to decode output with, or {@code null}
	 * @param maxCapturedOutput how much of each output stream to keep, or {@code null}
	 * @param mergeStderr whether standard error is merged into standard output
	 * @param allowedExitCodes the exit codes that count as success
	 * @param check whether a run that does not succeed raises an exception
	 * @param stdoutListener called with each line of standard output, or {@code null}
	 * @param stderrListener called with each line of standard error, or {@code null}
	 * @param stdoutTarget where standard output goes instead of the capture, or {@code null}
	 * @param stderrTarget where standard error goes instead of the capture, or {@code null}
	 * @param maxLineLength the longest line a line listener gets in one piece, or {@code null}
	 * @since 0.2.0
	 */
	public ProcessSpec {
		environment = Map.copyOf(environment);
		removedEnvironment = Set.copyOf(removedEnvironment);
		allowedExitCodes = Set.copyOf(allowedExitCodes);
		if (timeout != null) {
			SupportedDurations.require(timeout, "Timeout");
		}
		if (maxCapturedOutput != null && maxCapturedOutput.isNegative()) {
			throw new IllegalArgumentException("Max captured output must not be negative (was " + maxCapturedOutput + ")");
		}
		if (maxLineLength != null) {
			ProcessLimits.requireMaxLineLength(maxLineLength);
		}
		if (mergeStderr && stderrTarget != null) {
			throw new IllegalArgumentException("Standard error is merged into standard output; it has no target of its own");
		}
	}

	/**
	 * Creates a spec as in 0.1.0, which inherits the whole environment or none of it and
	 * captures both output streams.
	 * @param command the argument vector, with its sensitive arguments
	 * @param name the configured command name, or {@code null}
	 * @param directory the working directory, or {@code null}
	 * @param inheritEnvironment whether the application's environment is the starting point
	 * @param environment variables to set
	 * @param removedEnvironment variables to remove
	 * @param stdin what the program reads on its standard input
	 * @param timeout how long the program may run, zero for no limit, {@code null} for the default
	 * @param charset the charset to decode output with, or {@code null}
	 * @param maxCapturedOutput how much of each output stream to keep, or {@code null}
	 * @param mergeStderr whether standard error is merged into standard output
	 * @param allowedExitCodes the exit codes that count as success
	 * @param check whether a run that does not succeed raises an exception
	 * @param stdoutListener called with each line of standard output, or {@code null}
	 * @param stderrListener called with each line of standard error, or {@code null}
	 * @deprecated since 0.2.0 in favour of the canonical constructor or, better,
	 * {@link #builder(String, String...)}
	 */
	@Deprecated(since = "0.2.0")
	public ProcessSpec(CommandLine command, @Nullable String name, @Nullable Path directory,
			boolean inheritEnvironment, Map<String, String> environment, Set<String> removedEnvironment,
			ProcessInput stdin, @Nullable Duration timeout, @Nullable Charset charset,
			@Nullable DataSize maxCapturedOutput, boolean mergeStderr, Set<Integer> allowedExitCodes, boolean check,
			@Nullable Consumer<String> stdoutListener, @Nullable Consumer<String> stderrListener) {
		this(command, name, directory, inheritEnvironment ? EnvironmentPolicy.all() : EnvironmentPolicy.none(),
				environment, removedEnvironment, stdin, timeout, charset, maxCapturedOutput, mergeStderr,
				allowedExitCodes, check, stdoutListener, stderrListener, null, null, null);
	}

	/**
	 * Returns whether the program inherits any of the application's environment.
	 * @return {@code false} only with {@link EnvironmentPolicy#none()}
	 */
	public boolean inheritEnvironment() {
		return this.environmentPolicy.inherit() != EnvironmentPolicy.Inheritance.NONE;
	}

	/**
	 * Returns whether the program's environment differs from the application's.
	 * @return whether {@link #applyEnvironment(Map)} would change the application's environment
	 */
	public boolean changesEnvironment() {
		return this.environmentPolicy.inherit() != EnvironmentPolicy.Inheritance.ALL || !this.environment.isEmpty()
				|| !this.removedEnvironment.isEmpty();
	}

	/**
	 * Turns a copy of the application's environment into the program's: keeps what the policy
	 * inherits, removes the removed variables and sets the variables of the spec. Every launcher
	 * builds the environment with this method.
	 * @param environment a modifiable copy of the application's environment
	 */
	public void applyEnvironment(Map<String, String> environment) {
		this.environmentPolicy.retainInherited(environment);
		this.removedEnvironment.forEach(environment::remove);
		environment.putAll(this.environment);
	}

	/**
	 * Returns a spec with every default for the given argument vector.
	 * @param argv the program followed by its arguments
	 * @return the spec
	 */
	public static ProcessSpec of(String... argv) {
		if (argv.length == 0) {
			throw new IllegalArgumentException("A command line needs at least the program to run");
		}
		return builder(argv[0]).args(Arrays.asList(argv).subList(1, argv.length)).build();
	}

	/**
	 * Returns a builder for the given program and arguments.
	 * @param program the program to run, a path or a name looked up on the {@code PATH}
	 * @param args the arguments, passed verbatim
	 * @return the builder
	 */
	public static ProcessSpecBuilder builder(String program, String... args) {
		return new ProcessSpecBuilder(program).args(args);
	}

	/**
	 * Returns a builder that runs a script with {@value #SHELL} {@code -c}. Arguments added to
	 * the builder become the script's positional parameters {@code $1}, {@code $2}, ... so that
	 * they are never parsed as shell syntax.
	 * @param script the shell script
	 * @return the builder
	 */
	public static ProcessSpecBuilder shell(String script) {
		return new ProcessSpecBuilder(SHELL).args("-c", script, "sh");
	}

	/**
	 * Returns the platform's {@code native.encoding}, the charset that
	 * {@link Process#inputReader()} uses and the default for decoding output.
	 * @return the native charset
	 */
	public static Charset nativeCharset() {
		String encoding = System.getProperty("native.encoding");
		try {
			return (encoding != null) ? Charset.forName(encoding) : Charset.defaultCharset();
		}
		catch (IllegalArgumentException ex) {
			return Charset.defaultCharset();
		}
	}

	/**
	 * Returns the charset to decode output with: the spec's, or else the native one.
	 * @return the charset
	 */
	public Charset effectiveCharset() {
		return (this.charset != null) ? this.charset : nativeCharset();
	}

	/**
	 * Returns the name used for this run in logs and metrics: the configured command name, or
	 * {@code adhoc}.
	 * @return the name
	 */
	public String displayName() {
		return (this.name != null) ? this.name : "adhoc";
	}

	@Override
	public String toString() {
		return "ProcessSpec[" + displayName() + " " + this.command + "]";
	}

}
