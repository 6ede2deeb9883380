package io.github.ipcboot.process;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * A child started by {@link PosixSpawnLauncher}: a {@link Process} like the JDK's, reaped by a
 * blocking {@code waitpid} on a small platform thread of its own (as the JDK's process reaper
 * does); the exit code follows the JDK's convention ({@code 128 + signal} when killed by one).
 * Signals go out only until the child has been reaped, so a reused pid is never signalled.
 */
final class NativeProcess extends Process {

	/** Reaper threads block in native code: platform threads with a small stack. */
	static final ExecutorService REAPERS = Executors.newCachedThreadPool(reaperThreads());

	private static final int ECHILD = 10;

	private final Libc libc;

	private final int pid;

	private final OutputStream stdin;

	private final InputStream stdout;

	private final InputStream stderr;

	private final CompletableFuture<Process> exit = new CompletableFuture<>();

	/** Taken before the child can be reaped: it stays valid (and not alive) once it has exited. */
	private final Optional<ProcessHandle> handle;

	private volatile int exitCode;

	/** Set once {@code waitpid} returned: from then on the pid may belong to another process. */
	private boolean reaped;

	/**
	 * Tracks a child that has just been spawned in a session of its own.
	 * @param reapers where the thread that waits for the child runs
	 * @throws RuntimeException or Error if the reaper could not start (no thread left, executor
	 * shut down): the child's session has then been killed and the child reaped
	 */
	NativeProcess(Libc libc, int pid, OutputStream stdin, InputStream stdout, InputStream stderr, Executor reapers) {
		this.libc = libc;
		this.pid = pid;
		this.stdin = stdin;
		this.stdout = stdout;
		this.stderr = stderr;
		LaunchedChildren.add(pid);
		this.handle = ProcessHandle.of(pid);
		try {
			reapers.execute(this::reap);
		}
		catch (RuntimeException | Error ex) {
			abandon(ex);
			throw ex;
		}
	}

	/**
	 * Kills and reaps a child nobody will wait for: no {@link Process} is returned for it, so
	 * nothing else would ever terminate it, and its pid would stay in {@link LaunchedChildren}.
	 */
	private void abandon(Throwable failure) {
		try (Arena arena = Arena.ofConfined()) {
			int ignored = (int) this.libc.kill.invokeExact(Libc.errnoState(arena), -this.pid, 9);
			waitForExit(arena);
		}
		catch (Throwable ex) {
			failure.addSuppressed(ex);
		}
		finally {
			LaunchedChildren.remove(this.pid);
		}
	}

	private void reap() {
		try (Arena arena = Arena.ofConfined()) {
			int code = waitForExit(arena);
			synchronized (this) {
				this.exitCode = code;
				this.reaped = true;
			}
			LaunchedChildren.remove(this.pid);
			this.exit.complete(this);
		}
		catch (Throwable ex) {
			this.exit.completeExceptionally(ex);
		}
	}

	/**
	 * Blocks in {@code waitpid} until the child has exited and been reaped.
	 * @return the exit code; -1 if it had been reaped elsewhere (the status is lost), minus the
	 * error number on another failure
	 */
	private int waitForExit(Arena arena) throws Throwable {
		MemorySegment status = arena.allocate(JAVA_INT);
		MemorySegment errno = Libc.errnoState(arena);
		while (true) {
			int result = (int) this.libc.waitpid.invokeExact(errno, this.pid, status, 0);
			if (result == this.pid) {
				return decode(status.get(JAVA_INT, 0));
			}
			int error = Libc.errno(errno);
			if (error != Libc.EINTR) {
				return (error == ECHILD) ? -1 : -error;
			}
		}
	}

	private static int decode(int status) {
		int signal = status & 0x7f;
		return (signal == 0) ? (status >> 8) & 0xff : 0x80 + signal;
	}

	@Override
	public OutputStream getOutputStream() {
		return this.stdin;
	}

	@Override
	public InputStream getInputStream() {
		return this.stdout;
	}

	@Override
	public InputStream getErrorStream() {
		return this.stderr;
	}

	@Override
	public int waitFor() throws InterruptedException {
		try {
			this.exit.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not wait for pid " + this.pid, ex.getCause());
		}
		return this.exitCode;
	}

	@Override
	public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
		try {
			this.exit.get(timeout, unit);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not wait for pid " + this.pid, ex.getCause());
		}
	}

	@Override
	public int exitValue() {
		if (!this.exit.isDone()) {
			throw new IllegalThreadStateException("pid " + this.pid + " has not exited");
		}
		return this.exitCode;
	}

	@Override
	public void destroy() {
		signal(15);
	}

	@Override
	public Process destroyForcibly() {
		signal(9);
		return this;
	}

	@Override
	public boolean supportsNormalTermination() {
		return true;
	}

	private synchronized void signal(int signal) {
		if (this.reaped) {
			return;
		}
		try (Arena arena = Arena.ofConfined()) {
			int ignored = (int) this.libc.kill.invokeExact(Libc.errnoState(arena), this.pid, signal);
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Could not signal pid " + this.pid, ex);
		}
	}

	@Override
	public boolean isAlive() {
		return !this.exit.isDone();
	}

	@Override
	public long pid() {
		return this.pid;
	}

	@Override
	public CompletableFuture<Process> onExit() {
		return this.exit.copy();
	}

	@Override
	public ProcessHandle toHandle() {
		return this.handle.orElseThrow(() -> new IllegalStateException("pid " + this.pid + " had exited when it was spawned"));
	}

	@Override
	public String toString() {
		return "NativeProcess[pid=" + this.pid + ", exitValue=" + (isAlive() ? "\"not exited\"" : this.exitCode) + "]";
	}

	private static java.util.concurrent.ThreadFactory reaperThreads() {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(null, runnable, "ipc-process-reaper-" + count.incrementAndGet(), 128 * 1024, false);
			thread.setDaemon(true);
			return thread;
		};
	}

}
