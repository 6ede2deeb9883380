package io.github.ipcboot.process.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import io.github.ipcboot.process.CapturedOutput;
import io.github.ipcboot.process.ProcessOutcome;
import io.github.ipcboot.process.ProcessOutput;
import io.github.ipcboot.process.ProcessResult;
import io.github.ipcboot.process.ProcessService;
import io.github.ipcboot.process.ProcessSignal;
import io.github.ipcboot.process.ProcessSpec;
import io.github.ipcboot.process.ProcessSpecBuilder;
import io.github.ipcboot.process.ProcessStartException;
import io.github.ipcboot.process.RunningProcess;

/**
 * A {@link ProcessService} for unit tests: starts no program, answers every run with a scripted
 * {@link FakeResponse} and records the specs it was given. It keeps the service's contract: line
 * listeners receive the scripted output, outcomes follow the spec's allowed exit codes, and
 * {@code check} raises the same exceptions as the real service.
 *
 * <pre>{@code
 * FakeProcessService processes = new FakeProcessService();
 * processes.when("git", "status").thenReturn(FakeResponse.success("nothing to commit\n"));
 * new MyComponent(processes).doWork();
 * assertThat(processes.invocations()).hasSize(1);
 * }</pre>
 * Named commands run as the command name followed by the extra arguments, without
 * {@code allowed-args} checks.
 *
 * @since 0.1.0
 */
public final class FakeProcessService implements ProcessService {

	private final List<Rule> rules = new CopyOnWriteArrayList<>();

	private final List<ProcessSpec> invocations = new CopyOnWriteArrayList<>();

	private final AtomicLong pids = new AtomicLong(10_000);

	/**
	 * Scripts the answer for runs whose argument vector starts with the given elements; the
	 * latest matching script wins.
	 * @param argvPrefix the program and the first arguments to match
	 * @return the stubbing to complete with a response
	 */
	public Stubbing when(String... argvPrefix) {
		List<String> prefix = List.of(argvPrefix);
		return when((spec) -> {
			List<String> argv = spec.command().argv();
			return argv.size() >= prefix.size() && argv.subList(0, prefix.size()).equals(prefix);
		});
	}

	/**
	 * Scripts the answer for runs whose spec matches; the latest matching script wins.
	 * @param matcher the spec matcher
	 * @return the stubbing to complete with a response
	 */
	public Stubbing when(Predicate<ProcessSpec> matcher) {
		return new Stubbing(matcher);
	}

	/**
	 * Returns the specs run or started so far, in order.
	 * @return the specs
	 */
	public List<ProcessSpec> invocations() {
		return List.copyOf(this.invocations);
	}

	/**
	 * Forgets every script and every recorded invocation.
	 */
	public void reset() {
		this.rules.clear();
		this.invocations.clear();
	}

	@Override
	public ProcessResult run(ProcessSpec spec) {
		return start(spec).await();
	}

	@Override
	public RunningProcess start(ProcessSpec spec) {
		this.invocations.add(spec);
		FakeResponse response = respond(spec);
		ProcessResult result = result(spec, response);
		if (result.outcome() == ProcessOutcome.START_FAILED && spec.check()) {
			throw new ProcessStartException(result);
		}
		if (result.outcome() != ProcessOutcome.START_FAILED) {
			feedLines(response.stdout(), spec.stdoutListener());
			feedLines(response.stderr(), spec.stderrListener());
		}
		return RunningProcess.finished(result, spec.check());
	}

	@Override
	public ProcessSpecBuilder command(String name, List<String> args) {
		return ProcessSpec.builder(name).args(args).name(name);
	}

	private FakeResponse respond(ProcessSpec spec) {
		List<Rule> newestFirst = new ArrayList<>(this.rules);
		Collections.reverse(newestFirst);
		return newestFirst.stream()
			.filter((rule) -> rule.matcher.test(spec))
			.findFirst()
			.map((rule) -> rule.answer.apply(spec))
			.orElseThrow(() -> new IllegalStateException("FakeProcessService has no response scripted for "
					+ spec.command() + "; script one with when(...).thenReturn(...)"));
	}

	private ProcessResult result(ProcessSpec spec, FakeResponse response) {
		boolean started = response.forcedOutcome() != ProcessOutcome.START_FAILED;
		ProcessOutcome outcome = Objects.requireNonNullElseGet(response.forcedOutcome(),
				() -> spec.allowedExitCodes().contains(response.exitCode()) ? ProcessOutcome.SUCCESS
						: ProcessOutcome.FAILED);
		return new ProcessResult(spec.command(), spec.name(), started ? this.pids.incrementAndGet() : -1,
				response.exitCode(), ProcessSignal.fromExitCode(response.exitCode()),
				output(response.stdout(), started ? spec.stdoutTarget() : null),
				output(response.stderr(), started ? spec.stderrTarget() : null), Instant.now(), Duration.ZERO, outcome,
				response.failureReason());
	}

	/**
	 * Captures the output, or writes it to the spec's target as the real service does (and then
	 * keeps none of it).
	 */
	private static CapturedOutput output(byte[] output, @Nullable ProcessOutput target) {
		if (target == null) {
			return CapturedOutput.of(output, StandardCharsets.UTF_8);
		}
		try (OutputStream out = target.open()) {
			out.write(output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("FakeProcessService could not write to " + target, ex);
		}
		return new CapturedOutput(new byte[0], new byte[0], output.length, StandardCharsets.UTF_8);
	}

	private static void feedLines(byte[] output, @Nullable Consumer<String> listener) {
		if (listener != null && output.length > 0) {
			new String(output, StandardCharsets.UTF_8).lines().forEach(listener);
		}
	}

	/**
	 * Completes a script started with {@link FakeProcessService#when(String...)}.
	 */
	public final class Stubbing {

		private final Predicate<ProcessSpec> matcher;

		private Stubbing(Predicate<ProcessSpec> matcher) {
			this.matcher = matcher;
		}

		/**
		 * Answers matching runs with the given response.
		 * @param response the response
		 * @return the fake, to script more
		 */
		public FakeProcessService thenReturn(FakeResponse response) {
			return thenAnswer((spec) -> response);
		}

		/**
		 * Answers matching runs with a response computed from the spec.
		 * @param answer computes the response
		 * @return the fake, to script more
		 */
		public FakeProcessService thenAnswer(Function<ProcessSpec, FakeResponse> answer) {
			FakeProcessService.this.rules.add(new Rule(this.matcher, answer));
			return FakeProcessService.this;
		}

	}

	private record Rule(Predicate<ProcessSpec> matcher, Function<ProcessSpec, FakeResponse> answer) {

	}

}
