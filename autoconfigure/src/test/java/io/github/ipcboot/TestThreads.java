package io.github.ipcboot;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Asynchronous steps of tests, each on a new thread of its own: never on the common fork-join
 * pool, which has a single thread on a 2-core machine, so that one blocked task (a test's, or a
 * library's) would delay every later one by its whole duration.
 */
public final class TestThreads {

	private static final Executor THREAD_PER_TASK = (task) -> {
		Thread thread = new Thread(task, "test-async");
		thread.setDaemon(true);
		thread.start();
	};

	private TestThreads() {
	}

	/**
	 * Run a step on a thread of its own.
	 * @param step the step
	 * @return its completion
	 */
	public static CompletableFuture<Void> runAsync(Runnable step) {
		return CompletableFuture.runAsync(step, THREAD_PER_TASK);
	}

	/**
	 * Compute a value on a thread of its own.
	 * @param <T> the type of the value
	 * @param step the computation
	 * @return its result
	 */
	public static <T> CompletableFuture<T> supplyAsync(Supplier<T> step) {
		return CompletableFuture.supplyAsync(step, THREAD_PER_TASK);
	}

}
