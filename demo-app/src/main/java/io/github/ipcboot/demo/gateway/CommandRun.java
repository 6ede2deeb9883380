package io.github.ipcboot.demo.gateway;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

import io.github.ipcboot.process.RunningProcess;
import io.github.ipcboot.tcp.TcpSession;
import io.github.ipcboot.tcp.TcpSessionClosedException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One {@code RUN} in flight on a connection: writes the child's output lines to the client as
 * the child prints them, then exactly one final line, and cancels the child (and its tree) when
 * it is asked to or when the client can no longer be written to. From the start of the child to
 * the final line it is work of the connection ({@link TcpSession#beginWork()}), so that a
 * graceful shutdown lets it finish instead of closing the connection as idle.
 */
final class CommandRun {

	private static final Log logger = LogFactory.getLog(CommandRun.class);

	private final TcpSession session;

	private final ReentrantLock writeLock = new ReentrantLock();

	private final CompletableFuture<Void> finished = new CompletableFuture<>();

	/** Guarded by {@link #writeLock}: no line may follow the final one. */
	private boolean ended;

	private volatile @Nullable RunningProcess process;

	private volatile Runnable endWork = () -> {
	};

	private volatile boolean cancelled;

	CommandRun(TcpSession session) {
		this.session = session;
	}

	/**
	 * The child has started. Output lines may have arrived before.
	 */
	void attach(RunningProcess process) {
		this.endWork = this.session.beginWork();
		this.process = process;
		if (this.cancelled) {
			process.cancel();
		}
	}

	void stdout(String line) {
		write(Replies.data("STDOUT", line));
	}

	void stderr(String line) {
		write(Replies.data("STDERR", line));
	}

	private void write(String line) {
		this.writeLock.lock();
		try {
			if (!this.ended) {
				this.session.send(line);
			}
		}
		catch (TcpSessionClosedException ex) {
			this.ended = true;
			cancel();
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/**
	 * Write the final line (unless the client is gone) and mark the run finished.
	 */
	void end(String finalLine) {
		this.writeLock.lock();
		try {
			if (!this.ended) {
				this.ended = true;
				this.session.send(finalLine);
			}
		}
		catch (TcpSessionClosedException ex) {
			logger.debug("Client of " + this.session + " left before the end of its RUN", ex);
		}
		finally {
			this.writeLock.unlock();
			this.endWork.run();
			this.finished.complete(null);
		}
	}

	/**
	 * Cancel the child and its process tree, if it still runs.
	 */
	void cancel() {
		this.cancelled = true;
		RunningProcess running = this.process;
		if (running != null && running.cancel()) {
			logger.info("Cancelled pid " + running.pid() + " of " + this.session + ": the client is gone");
		}
	}

	/**
	 * Return a future completed once the final line is written or abandoned.
	 */
	CompletableFuture<Void> finished() {
		return this.finished;
	}

}
