package io.github.ipcboot.process.testing;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import io.github.ipcboot.process.ProcessOutcome;

/**
 * A scripted answer of a {@link FakeProcessService}: an exit code with output, a timeout or a
 * failure to start. Immutable; the {@code with...} methods return copies.
 *
 * @since 0.1.0
 */
public final class FakeResponse {

	private final int exitCode;

	private final byte[] stdout;

	private final byte[] stderr;

	private final @Nullable ProcessOutcome forcedOutcome;

	private final @Nullable String failureReason;

	private FakeResponse(int exitCode, byte[] stdout, byte[] stderr, @Nullable ProcessOutcome forcedOutcome,
			@Nullable String failureReason) {
		this.exitCode = exitCode;
		this.stdout = stdout;
		this.stderr = stderr;
		this.forcedOutcome = forcedOutcome;
		this.failureReason = failureReason;
	}

	/**
	 * Returns a response that exits with the given code and prints nothing.
	 * @param exitCode the exit code (use {@code 128 + n} for death by signal {@code n})
	 * @return the response
	 */
	public static FakeResponse exit(int exitCode) {
		return new FakeResponse(exitCode, new byte[0], new byte[0], null, null);
	}

	/**
	 * Returns a response that prints the given text on standard output and exits with 0.
	 * @param stdout the text, encoded as UTF-8
	 * @return the response
	 */
	public static FakeResponse success(String stdout) {
		return exit(0).withStdout(stdout);
	}

	/**
	 * Returns a response that runs into its timeout and is killed by {@code SIGTERM}.
	 * @return the response
	 */
	public static FakeResponse timeout() {
		return new FakeResponse(143, new byte[0], new byte[0], ProcessOutcome.TIMED_OUT, null);
	}

	/**
	 * Returns a response that fails to start.
	 * @param reason the operating system's reason, such as {@code error=2, No such file or directory}
	 * @return the response
	 */
	public static FakeResponse startFailure(String reason) {
		return new FakeResponse(-1, new byte[0], new byte[0], ProcessOutcome.START_FAILED, reason);
	}

	/**
	 * Returns a copy that prints the given text on standard output.
	 * @param text the text, encoded as UTF-8
	 * @return the new response
	 */
	public FakeResponse withStdout(String text) {
		return new FakeResponse(this.exitCode, text.getBytes(StandardCharsets.UTF_8), this.stderr, this.forcedOutcome,
				this.failureReason);
	}

	/**
	 * Returns a copy that prints the given text on standard error.
	 * @param text the text, encoded as UTF-8
	 * @return the new response
	 */
	public FakeResponse withStderr(String text) {
		return new FakeResponse(this.exitCode, this.stdout, text.getBytes(StandardCharsets.UTF_8), this.forcedOutcome,
				this.failureReason);
	}

	int exitCode() {
		return this.exitCode;
	}

	byte[] stdout() {
		return this.stdout;
	}

	byte[] stderr() {
		return this.stderr;
	}

	@Nullable ProcessOutcome forcedOutcome() {
		return this.forcedOutcome;
	}

	@Nullable String failureReason() {
		return this.failureReason;
	}

}
