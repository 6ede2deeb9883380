package io.github.ipcboot.demo.gateway;

import java.util.concurrent.ExecutionException;

import io.github.ipcboot.tcp.TcpSession;
import org.jspecify.annotations.Nullable;

/**
 * The {@code RUN} a connection has in flight, at most one. The listener returns as soon as the
 * child has started, so that the connection's thread goes back to reading and notices a client
 * that disconnects; that close cancels the run. A request that arrives while the run is still
 * going waits for its final line first, so replies keep the order of the requests.
 */
final class RunSlot {

	private static final String ATTRIBUTE = RunSlot.class.getName();

	private volatile @Nullable CommandRun current;

	private volatile boolean closed;

	/**
	 * Return the slot of a connection, created (and bound to the connection's close) on first use.
	 */
	static RunSlot of(TcpSession session) {
		return (RunSlot) session.attributes().computeIfAbsent(ATTRIBUTE, (key) -> {
			RunSlot slot = new RunSlot();
			session.onClose(slot::connectionClosed);
			return slot;
		});
	}

	/**
	 * Wait until the run in flight, if any, has written its final line.
	 * @throws GatewayException with {@link ErrorCode#SHUTTING_DOWN} if the connection's thread is
	 * interrupted while waiting, which only a stopping server does
	 */
	void awaitIdle() {
		CommandRun run = this.current;
		if (run == null) {
			return;
		}
		try {
			run.finished().get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new GatewayException(ErrorCode.SHUTTING_DOWN, "");
		}
		catch (ExecutionException ex) {
			// never completed exceptionally: the run is over either way
		}
	}

	/**
	 * Take a run that has just started.
	 */
	void track(CommandRun run) {
		this.current = run;
		if (this.closed) {
			run.cancel();
		}
	}

	private void connectionClosed() {
		this.closed = true;
		CommandRun run = this.current;
		if (run != null) {
			run.cancel();
		}
	}

}
