package io.github.ipcboot.process;

import java.util.Arrays;
import java.util.List;

/**
 * Runs external programs. Every run drains both output pipes (so no child ever blocks on a full
 * pipe), captures output up to a limit, enforces a timeout by terminating the whole process tree
 * and is tracked until it exits. The auto-configured implementation is
 * {@link DefaultProcessService}; tests can use
 * {@link io.github.ipcboot.process.testing.FakeProcessService}.
 *
 * @since 0.1.0
 */
public interface ProcessService {

	/**
	 * Runs a process and waits for it to finish. With {@link ProcessSpec#check()} (the default)
	 * a run that does not succeed raises the {@link ProcessResultException} matching its outcome,
	 * carrying the result; otherwise the result is returned whatever the outcome. If the calling
	 * thread is interrupted, the process is cancelled and the interrupt flag stays set.
	 * @param spec what to run
	 * @return the result
	 * @throws ProcessResultException if the run did not succeed and the spec checks it
	 * @throws ProcessRejectedException if there is no capacity for the process
	 */
	ProcessResult run(ProcessSpec spec);

	/**
	 * Starts a process and returns a handle to it as soon as it runs (waiting for capacity first
	 * if the service is at its limit). A process that fails to start raises
	 * {@link ProcessStartException} when the spec checks its outcome; otherwise the handle's
	 * {@link RunningProcess#onExit()} is already complete.
	 * @param spec what to run
	 * @return the handle
	 * @throws ProcessStartException if the process could not be started and the spec checks it
	 * @throws ProcessRejectedException if there is no capacity for the process
	 */
	RunningProcess start(ProcessSpec spec);

	/**
	 * Returns a spec builder for a named command with extra arguments, after checking them
	 * against the command's {@code allowed-args}; further settings (input, listeners, charset)
	 * can be added before running it.
	 * @param name the configured command name
	 * @param args the extra arguments, appended to the configured ones
	 * @return the builder
	 * @throws UnknownCommandException if no command has that name
	 * @throws ArgumentRejectedException if an argument is not allowed
	 */
	ProcessSpecBuilder command(String name, List<String> args);

	/**
	 * Runs a named command with extra arguments and waits for it to finish.
	 * @param name the configured command name
	 * @param args the extra arguments
	 * @return the result
	 * @throws UnknownCommandException if no command has that name
	 * @throws ArgumentRejectedException if an argument is not allowed
	 * @see #run(ProcessSpec)
	 */
	default ProcessResult run(String name, String... args) {
		return run(command(name, Arrays.asList(args)).build());
	}

	/**
	 * Starts a named command with extra arguments.
	 * @param name the configured command name
	 * @param args the extra arguments
	 * @return the handle
	 * @throws UnknownCommandException if no command has that name
	 * @throws ArgumentRejectedException if an argument is not allowed
	 * @see #start(ProcessSpec)
	 */
	default RunningProcess start(String name, String... args) {
		return start(command(name, Arrays.asList(args)).build());
	}

}
