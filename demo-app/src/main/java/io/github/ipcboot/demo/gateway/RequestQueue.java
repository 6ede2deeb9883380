package io.github.ipcboot.demo.gateway;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

import io.github.ipcboot.tcp.TcpSession;
import io.github.ipcboot.tcp.TcpSessionClosedException;
import org.jspecify.annotations.Nullable;

/**
 * The requests of one connection, answered in order without ever blocking the connection's
 * reader: a request that arrives while a {@code RUN} is in flight (or while earlier requests wait)
 * is queued, at most {@code capacity} of them, and answered by the thread that ends the run; past
 * the capacity a request is answered {@code ERR BUSY}, in its turn, without keeping its text. So
 * the reader always goes back to reading and notices a client that disconnects, which cancels the
 * run and drops the queue: nothing a client sends keeps a child running after it is gone.
 * <p>
 * While requests wait or a run is in flight the connection counts as busy
 * ({@link TcpSession#beginWork()}), so a graceful shutdown does not close it as idle; a request
 * still waiting when the server's drain has begun is answered {@code ERR SHUTTING_DOWN} and never
 * executed.
 */
final class RequestQueue {

	private static final String ATTRIBUTE = RequestQueue.class.getName();

	private final TcpSession session;

	private final int capacity;

	private final BooleanSupplier draining;

	private final Executor continuation;

	/** Guarded by this: request lines, or {@link Overflow} runs of refused requests. */
	private final Deque<Object> waiting = new ArrayDeque<>();

	/** Guarded by this: whether a run is in flight or waiting requests are being answered. */
	private boolean busy;

	/** Guarded by this: ends the connection's busy state that {@link #busy} holds. */
	private @Nullable Runnable endWork;

	private volatile @Nullable CommandRun current;

	private volatile boolean closed;

	private RequestQueue(TcpSession session, int capacity, BooleanSupplier draining, Executor continuation) {
		this.session = session;
		this.capacity = capacity;
		this.draining = draining;
		this.continuation = continuation;
	}

	/**
	 * Return the queue of a connection, created (and bound to the connection's close) on first use.
	 * @param session the connection
	 * @param capacity how many requests may wait behind a run
	 * @param draining whether the server's graceful shutdown has begun
	 * @param continuation runs the waiting requests once a run has ended
	 * @return the queue
	 */
	static RequestQueue of(TcpSession session, int capacity, BooleanSupplier draining, Executor continuation) {
		return (RequestQueue) session.attributes().computeIfAbsent(ATTRIBUTE, (key) -> {
			RequestQueue queue = new RequestQueue(session, capacity, draining, continuation);
			session.onClose(queue::connectionClosed);
			return queue;
		});
	}

	/**
	 * Answer a request now if nothing is in flight, or queue it behind what is; never waits for a
	 * run to end.
	 * @param line the request line
	 * @param handler answers one request: returns its final line, or {@code null} when it started
	 * a run (which writes its final line itself) or wrote it already
	 */
	void offer(String line, Handler handler) {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			if (this.busy) {
				enqueue(line);
				return;
			}
		}
		// idle: answered on the reader thread itself; a RUN returns as soon as its child started
		answer(line, handler);
	}

	private void enqueue(String line) {
		if (this.waiting.size() < this.capacity) {
			this.waiting.add(line);
		}
		else if (this.waiting.peekLast() instanceof Overflow overflow) {
			overflow.count++;
		}
		else {
			this.waiting.add(new Overflow());
		}
	}

	/**
	 * Answer one request; if it started a run, the requests that wait are answered once the run
	 * has ended, by the thread that ends it.
	 * @return whether a run started
	 */
	private boolean answer(String line, Handler handler) {
		this.current = null;
		String reply = handler.handle(line, this);
		if (reply != null) {
			send(reply);
		}
		CommandRun run = this.current;
		if (run == null) {
			return false;
		}
		run.finished().thenRunAsync(() -> answerWaiting(handler), this.continuation);
		return true;
	}

	/**
	 * A run has started for the request being answered: the queue is busy until it ends.
	 * @param run the run, which writes its final line itself
	 */
	void track(CommandRun run) {
		synchronized (this) {
			if (!this.busy) {
				this.busy = true;
				this.endWork = this.session.beginWork();
			}
		}
		this.current = run;
		if (this.closed) {
			run.cancel();
		}
	}

	/**
	 * Answer the requests that wait, in order, until none is left or one of them starts a run.
	 */
	private void answerWaiting(Handler handler) {
		while (true) {
			@Nullable Object next;
			@Nullable Runnable end = null;
			boolean stop;
			synchronized (this) {
				next = this.waiting.poll();
				stop = next == null || this.closed;
				if (stop) {
					this.waiting.clear();
					this.busy = false;
					end = this.endWork;
					this.endWork = null;
				}
			}
			if (stop || next == null) {
				if (end != null) {
					// outside the lock: a drain closes the connection now that it is idle
					end.run();
				}
				return;
			}
			if (next instanceof Overflow overflow) {
				for (int i = 0; i < overflow.count; i++) {
					send(Replies.error(ErrorCode.BUSY, "more than " + this.capacity + " requests queued"));
				}
			}
			else if (this.draining.getAsBoolean()) {
				// queued before the drain began, not started yet: refused, never executed
				send(Replies.error(ErrorCode.SHUTTING_DOWN, ""));
			}
			else if (answer((String) next, handler)) {
				// a RUN started: the rest waits for its end
				return;
			}
		}
	}

	private void send(String line) {
		try {
			this.session.send(line);
		}
		catch (TcpSessionClosedException ex) {
			// the client has gone: its close drops the queue
		}
	}

	private void connectionClosed() {
		this.closed = true;
		CommandRun run = this.current;
		if (run != null) {
			run.cancel();
		}
	}

	/**
	 * Answers one request.
	 */
	@FunctionalInterface
	interface Handler {

		/**
		 * Answer a request.
		 * @param line the request line
		 * @param queue the connection's queue, which a {@code RUN} hands its run to
		 * @return the final line, or {@code null} if it is written otherwise
		 */
		@Nullable String handle(String line, RequestQueue queue);

	}

	/**
	 * Consecutive requests refused because the queue was full, kept as a count only.
	 */
	private static final class Overflow {

		private int count = 1;

	}

}
