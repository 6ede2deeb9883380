package io.github.ipcboot.process;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Builds a {@link ProcessSpec}. Obtain one from {@link ProcessSpec#builder(String, String...)},
 * {@link ProcessSpec#shell(String)} or {@link ProcessService#command(String, List)}. The program
 * is fixed when the builder is created; arguments can only be appended.
 *
 * @since 0.1.0
 */
public final class ProcessSpecBuilder {

	private final List<String> argv = new ArrayList<>();

	private final Set<Integer> sensitive = new HashSet<>();

	private int sensitiveFrom = Integer.MAX_VALUE;

	private @Nullable String name;

	private @Nullable Path directory;

	private EnvironmentPolicy environmentPolicy = EnvironmentPolicy.all();

	private final Map<String, String> environment = new LinkedHashMap<>();

	private final Set<String> removedEnvironment = new HashSet<>();

	private ProcessInput stdin = ProcessInput.none();

	private @Nullable String stdinText;

	private @Nullable Duration timeout;

	private @Nullable Charset charset;

	private @Nullable DataSize maxCapturedOutput;

	private boolean mergeStderr;

	private Set<Integer> allowedExitCodes = Set.of(0);

	private boolean check = true;

	private @Nullable Consumer<String> stdoutListener;

	private @Nullable Consumer<String> stderrListener;

	private @Nullable ProcessOutput stdoutTarget;

	private @Nullable ProcessOutput stderrTarget;

	private @Nullable Integer maxLineLength;

	ProcessSpecBuilder(String program) {
		if (program.isEmpty()) {
			throw new IllegalArgumentException("Program must not be empty");
		}
		this.argv.add(program);
	}

	/**
	 * Appends arguments; each reaches the program verbatim.
	 * @param args the arguments
	 * @return this builder
	 */
	public ProcessSpecBuilder args(String... args) {
		return args(Arrays.asList(args));
	}

	/**
	 * Appends arguments; each reaches the program verbatim.
	 * @param args the arguments
	 * @return this builder
	 */
	public ProcessSpecBuilder args(List<String> args) {
		args.forEach(this::arg);
		return this;
	}

	/**
	 * Appends an argument; it reaches the program verbatim.
	 * @param arg the argument
	 * @return this builder
	 */
	public ProcessSpecBuilder arg(String arg) {
		if (arg.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("Argument " + this.argv.size() + " contains a NUL character");
		}
		this.argv.add(arg);
		return this;
	}

	/**
	 * Appends a sensitive argument (a password, a token): it reaches the program verbatim but is
	 * shown as {@value CommandLine#REDACTED} in logs, exception messages and {@code toString()}.
	 * @param arg the argument
	 * @return this builder
	 */
	public ProcessSpecBuilder sensitiveArg(String arg) {
		arg(arg);
		this.sensitive.add(this.argv.size() - 1);
		return this;
	}

	/**
	 * Marks the arguments from the given index on as sensitive, including those appended later.
	 * @param fromIndex the index into the argument vector of the first sensitive argument
	 * @return this builder
	 */
	ProcessSpecBuilder sensitiveFrom(int fromIndex) {
		this.sensitiveFrom = fromIndex;
		return this;
	}

	/**
	 * Sets the name under which the run is logged and measured.
	 * @param name the name, usually the configured command name
	 * @return this builder
	 */
	public ProcessSpecBuilder name(@Nullable String name) {
		this.name = name;
		return this;
	}

	/**
	 * Sets the working directory.
	 * @param directory the directory, or {@code null} for the application's
	 * @return this builder
	 */
	public ProcessSpecBuilder directory(@Nullable Path directory) {
		this.directory = directory;
		return this;
	}

	/**
	 * Sets an environment variable.
	 * @param name the variable name
	 * @param value the value
	 * @return this builder
	 */
	public ProcessSpecBuilder environment(String name, String value) {
		// what the operating system's environment block cannot hold is refused here, whatever the
		// launcher (the JDK's refuses it at start, a native one would cut it short)
		if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
			throw new IllegalArgumentException(
					"Environment variable name '" + name.replace("\0", "\\0") + "' is empty or contains '=' or NUL");
		}
		if (value.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("The value of environment variable " + name + " contains a NUL character");
		}
		if (name.equals(ProcessContainment.MARKER_VARIABLE)) {
			throw new IllegalArgumentException(
					name + " is set by the process service: it marks the processes of one run for their termination");
		}
		this.environment.put(name, value);
		this.removedEnvironment.remove(name);
		return this;
	}

	/**
	 * Sets environment variables.
	 * @param variables the variables to set
	 * @return this builder
	 */
	public ProcessSpecBuilder environment(Map<String, String> variables) {
		variables.forEach(this::environment);
		return this;
	}

	/**
	 * Removes an environment variable inherited from the application.
	 * @param name the variable name
	 * @return this builder
	 */
	public ProcessSpecBuilder removeEnvironment(String name) {
		this.environment.remove(name);
		this.removedEnvironment.add(name);
		return this;
	}

	/**
	 * Starts from an empty environment instead of the application's; only variables set with
	 * {@link #environment(String, String)} are passed.
	 * @return this builder
	 */
	public ProcessSpecBuilder cleanEnvironment() {
		return environmentPolicy(EnvironmentPolicy.none());
	}

	/**
	 * Sets which of the application's environment variables the program inherits; ad-hoc specs
	 * inherit all of them unless told otherwise, named commands what
	 * {@code ipc.process.environment} allows.
	 * @param environmentPolicy the policy
	 * @return this builder
	 * @since 0.2.0
	 */
	public ProcessSpecBuilder environmentPolicy(EnvironmentPolicy environmentPolicy) {
		this.environmentPolicy = environmentPolicy;
		return this;
	}

	/**
	 * Sets what the program reads on its standard input.
	 * @param stdin the input
	 * @return this builder
	 */
	public ProcessSpecBuilder stdin(ProcessInput stdin) {
		this.stdin = stdin;
		this.stdinText = null;
		return this;
	}

	/**
	 * Feeds the given bytes to the program's standard input.
	 * @param bytes the bytes
	 * @return this builder
	 */
	public ProcessSpecBuilder stdin(byte[] bytes) {
		return stdin(ProcessInput.bytes(bytes));
	}

	/**
	 * Feeds the given text to the program's standard input, encoded with the spec's charset.
	 * @param text the text
	 * @return this builder
	 */
	public ProcessSpecBuilder stdin(String text) {
		this.stdinText = text;
		return this;
	}

	/**
	 * Sets how long the program may run before its process tree is terminated.
	 * @param timeout a positive duration of at most {@code Long.MAX_VALUE} nanoseconds (about 292
	 * years)
	 * @return this builder
	 * @throws IllegalArgumentException if the timeout is not positive or too long
	 */
	public ProcessSpecBuilder timeout(Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("Timeout must be positive (was " + timeout + "); use noTimeout()");
		}
		this.timeout = SupportedDurations.require(timeout, "Timeout");
		return this;
	}

	/**
	 * Lets the program run without a time limit.
	 * @return this builder
	 */
	public ProcessSpecBuilder noTimeout() {
		this.timeout = Duration.ZERO;
		return this;
	}

	/**
	 * Sets the charset for decoding output (and encoding {@link #stdin(String) text input}).
	 * @param charset the charset
	 * @return this builder
	 */
	public ProcessSpecBuilder charset(Charset charset) {
		this.charset = charset;
		return this;
	}

	/**
	 * Sets how much of each output stream to keep; the rest is drained and discarded, keeping
	 * the first and the last half.
	 * @param maxCapturedOutput the limit per stream
	 * @return this builder
	 */
	public ProcessSpecBuilder maxCapturedOutput(DataSize maxCapturedOutput) {
		this.maxCapturedOutput = maxCapturedOutput;
		return this;
	}

	/**
	 * Writes standard output to a file instead of capturing it, for outputs too large to keep;
	 * the file is created, or truncated, when the program starts writing. A failure to write
	 * makes the run {@link ProcessOutcome#FAILED}; the program's output is still drained.
	 * @param file the file
	 * @return this builder
	 * @since 0.2.0
	 */
	public ProcessSpecBuilder stdoutTo(Path file) {
		this.stdoutTarget = ProcessOutput.file(file);
		return this;
	}

	/**
	 * Writes standard output to a stream instead of capturing it; the stream is flushed at the
	 * end of the output, never closed. A failure to write makes the run
	 * {@link ProcessOutcome#FAILED}; the program's output is still drained.
	 * @param stream the stream, written by one service thread
	 * @return this builder
	 * @since 0.2.0
	 */
	public ProcessSpecBuilder stdoutTo(OutputStream stream) {
		this.stdoutTarget = ProcessOutput.stream(stream);
		return this;
	}

	/**
	 * Writes standard error to a file instead of capturing it, as {@link #stdoutTo(Path)} does.
	 * @param file the file
	 * @return this builder
	 * @since 0.2.0
	 */
	public ProcessSpecBuilder stderrTo(Path file) {
		this.stderrTarget = ProcessOutput.file(file);
		return this;
	}

	/**
	 * Writes standard error to a stream instead of capturing it, as
	 * {@link #stdoutTo(OutputStream)} does.
	 * @param stream the stream, written by one service thread
	 * @return this builder
	 * @since 0.2.0
	 */
	public ProcessSpecBuilder stderrTo(OutputStream stream) {
		this.stderrTarget = ProcessOutput.stream(stream);
		return this;
	}

	/**
	 * Sets the longest line, in characters, that a line listener gets in one piece; a longer line
	 * arrives in pieces of this length. Independent of the capture limit, so that lines stream
	 * whole with {@code maxCapturedOutput(DataSize.ofBytes(0))}.
	 * @param maxLineLength the length, at least 1
	 * @return this builder
	 * @since 0.2.0
	 */
	public ProcessSpecBuilder maxLineLength(int maxLineLength) {
		this.maxLineLength = ProcessLimits.requireMaxLineLength(maxLineLength);
		return this;
	}

	/**
	 * Sets whether standard error is merged into standard output, as with {@code 2>&1}.
	 * @param mergeStderr whether to merge
	 * @return this builder
	 */
	public ProcessSpecBuilder mergeStderr(boolean mergeStderr) {
		this.mergeStderr = mergeStderr;
		return this;
	}

	/**
	 * Sets the exit codes that count as success.
	 * @param exitCodes the allowed exit codes
	 * @return this builder
	 */
	public ProcessSpecBuilder allowedExitCodes(int... exitCodes) {
		this.allowedExitCodes = Set.copyOf(Arrays.stream(exitCodes).boxed().toList());
		return this;
	}

	/**
	 * Sets whether a run that does not succeed raises a {@link ProcessResultException}.
	 * @param check whether to check the outcome
	 * @return this builder
	 */
	public ProcessSpecBuilder check(boolean check) {
		this.check = check;
		return this;
	}

	/**
	 * Sets a listener called with each line of standard output as the program prints it, on a
	 * service thread; a slow listener slows the program down once the pipe is full.
	 * @param listener the listener
	 * @return this builder
	 */
	public ProcessSpecBuilder onStdoutLine(Consumer<String> listener) {
		this.stdoutListener = listener;
		return this;
	}

	/**
	 * Sets a listener called with each line of standard error as the program prints it, on a
	 * service thread.
	 * @param listener the listener
	 * @return this builder
	 */
	public ProcessSpecBuilder onStderrLine(Consumer<String> listener) {
		this.stderrListener = listener;
		return this;
	}

	/**
	 * Builds the spec.
	 * @return the spec
	 */
	public ProcessSpec build() {
		ProcessInput input = (this.stdinText != null)
				? ProcessInput.text(this.stdinText, (this.charset != null) ? this.charset : ProcessSpec.nativeCharset())
				: this.stdin;
		return new ProcessSpec(new CommandLine(this.argv, sensitiveIndexes()), this.name, this.directory,
				this.environmentPolicy, this.environment, this.removedEnvironment, input, this.timeout, this.charset,
				this.maxCapturedOutput, this.mergeStderr, this.allowedExitCodes, this.check, this.stdoutListener,
				this.stderrListener, this.stdoutTarget, this.stderrTarget, this.maxLineLength);
	}

	private Set<Integer> sensitiveIndexes() {
		Set<Integer> indexes = new HashSet<>(this.sensitive);
		for (int i = this.sensitiveFrom; i < this.argv.size(); i++) {
			indexes.add(i);
		}
		return indexes;
	}

}
