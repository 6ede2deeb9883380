package io.github.ipcboot.process;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Creates the threads of the service: one executor for pumping output and feeding input
 * (virtual threads when the runtime has them, detected at run time since the code is compiled
 * for Java 17, and when the virtual-thread scheduler can give every pipe its carrier; otherwise
 * a pool bounded by the number of pipes the running processes can have open), a single
 * timer thread for timeouts, exit watches and the kill escalation, and an executor that completes
 * results, so that callbacks on {@link RunningProcess#onExit()} never run on the timer.
 */
final class ProcessThreads {

	private static final Log logger = LogFactory.getLog(ProcessThreads.class);

	/** Pipes a process may need a thread for at once: stdout, stderr and stdin. */
	static final int THREADS_PER_PROCESS = 3;

	/** Room for pumps still draining a pipe held open by a descendant after their process ended. */
	private static final int SPARE_THREADS = 16;

	private ProcessThreads() {
	}

	static ExecutorService newExecutor(int maxConcurrent, boolean virtualIfAvailable) {
		int maxThreads = maxConcurrent * THREADS_PER_PROCESS + SPARE_THREADS;
		ExecutorService virtual = (virtualIfAvailable && maxThreads <= maxCarrierThreads())
				? newVirtualThreadExecutor("ipc-process-") : null;
		if (virtual != null) {
			return virtual;
		}
		ThreadPoolExecutor pool = new ThreadPoolExecutor(0, maxThreads, 30, TimeUnit.SECONDS,
				new SynchronousQueue<>(), daemonThreads("ipc-process-"));
		logger.debug("Process pumps use a pool of up to " + maxThreads + " platform threads");
		return pool;
	}

	/**
	 * A pipe read blocks its virtual thread's carrier (the JDK compensates with another carrier),
	 * so every pump needs a carrier of its own: past the scheduler's maximum, pumps would wait for
	 * one while their programs block on full pipes.
	 */
	private static int maxCarrierThreads() {
		int defaultMax = Math.max(Runtime.getRuntime().availableProcessors(), 256);
		return Integer.getInteger("jdk.virtualThreadScheduler.maxPoolSize", defaultMax);
	}

	/**
	 * Returns the executor that finishes runs and completes their results, and so runs the
	 * callbacks chained to {@link RunningProcess#onExit()}: one task per finished run, on a
	 * virtual thread when the runtime has them, else on a platform thread kept for 30 seconds
	 * after its last task. It is unbounded so that callbacks that block only hold their own
	 * thread; the number of threads is the number of callbacks blocked at the same time.
	 */
	static ExecutorService newExitExecutor(boolean virtualIfAvailable) {
		ExecutorService virtual = virtualIfAvailable ? newVirtualThreadExecutor("ipc-process-exit-") : null;
		if (virtual != null) {
			return virtual;
		}
		return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
				daemonThreads("ipc-process-exit-"));
	}

	static ScheduledThreadPoolExecutor newTimer() {
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads("ipc-process-timer-"));
		timer.setRemoveOnCancelPolicy(true);
		return timer;
	}

	/**
	 * Returns {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(...).factory())},
	 * or {@code null} before Java 21.
	 */
	private static @Nullable ExecutorService newVirtualThreadExecutor(String prefix) {
		try {
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			Class<?> builderType = Class.forName("java.lang.Thread$Builder");
			builder = builderType.getMethod("name", String.class, long.class).invoke(builder, prefix, 0L);
			ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
			Method perTask = Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
			logger.debug("Threads " + prefix + "* are virtual threads");
			return (ExecutorService) perTask.invoke(null, factory);
		}
		catch (ReflectiveOperationException ex) {
			return null;
		}
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
