package io.github.ipcboot.process;

import java.util.concurrent.CompletableFuture;

/**
 * A handle to a process started by {@link ProcessService#start(ProcessSpec)}. Lines of output
 * reach the listeners set on the spec ({@link ProcessSpecBuilder#onStdoutLine}) as the program
 * prints them; they are set on the spec rather than here so that no line printed before a
 * listener is attached can be missed.
 *
 * @since 0.1.0
 */
public interface RunningProcess {

	/**
	 * Returns the process id.
	 * @return the pid, or {@code -1} if the process did not start
	 */
	long pid();

	/**
	 * Returns a snapshot of what the registry knows about the process.
	 * @return the process information
	 */
	ProcessInfo info();

	/**
	 * Returns whether the process has not finished yet (including its output being drained).
	 * @return whether the run is still going
	 */
	boolean isRunning();

	/**
	 * Returns a future completed when the process has exited and its output is drained. With
	 * {@link ProcessSpec#check()} the future completes exceptionally with the
	 * {@link ProcessResultException} matching the outcome when the run does not succeed.
	 * Callbacks chained to it run on the service's exit threads ({@code ipc-process-exit-*}),
	 * never on the timer that enforces timeouts, so a callback that blocks delays no other run.
	 * @return the future result
	 */
	CompletableFuture<ProcessResult> onExit();

	/**
	 * Waits for the process to finish, like {@link ProcessService#run(ProcessSpec)}.
	 * @return the result
	 * @throws ProcessResultException if the run did not succeed and the spec checks it
	 */
	ProcessResult await();

	/**
	 * Cancels the run: sends {@code SIGTERM} to the process and all its descendants, then
	 * {@code SIGKILL} to what is left after the termination grace. The outcome is
	 * {@link ProcessOutcome#CANCELLED}.
	 * @return {@code true} if this call cancelled the run, {@code false} if it had already
	 * finished or was being terminated
	 */
	boolean cancel();

	/**
	 * Writes bytes to the program's standard input; the spec must use {@link ProcessInput#open()}.
	 * Blocks while the pipe is full.
	 * @param bytes the bytes
	 * @throws IllegalStateException if standard input is not open
	 * @throws java.io.UncheckedIOException if the pipe is closed, for example because the program
	 * exited
	 */
	void writeStdin(byte[] bytes);

	/**
	 * Writes text to the program's standard input, encoded with the spec's charset.
	 * @param text the text
	 * @throws IllegalStateException if standard input is not open
	 * @throws java.io.UncheckedIOException if the pipe is closed
	 */
	void writeStdin(String text);

	/**
	 * Closes the program's standard input so that it sees end of input; does nothing if it is
	 * already closed.
	 */
	void closeStdin();

	/**
	 * Returns a handle to a run that has already finished, for runs that never started and for
	 * test doubles.
	 * @param result the result of the run
	 * @param check whether {@link #onExit()} and {@link #await()} raise the exception matching an
	 * outcome other than {@link ProcessOutcome#SUCCESS}
	 * @return the handle
	 */
	static RunningProcess finished(ProcessResult result, boolean check) {
		return new FinishedProcess(result, check);
	}

}
