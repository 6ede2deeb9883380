package io.github.ipcboot.shutdown;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.github.ipcboot.process.DefaultProcessService;
import io.github.ipcboot.process.ProcessRegistry;
import io.github.ipcboot.tcp.TcpClients;
import io.github.ipcboot.tcp.TcpServers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The steps of one drain, after readiness has changed and the drain delay has passed: servers stop
 * accepting and close idle connections, other {@link DrainParticipant drain participants} (UDP
 * endpoints) stop receiving, in-flight exchanges, handlers and processes get until the timeout,
 * left-over processes are terminated (TERM, then KILL after the termination grace), clients stop
 * taking requests and wait for their replies within what is left.
 */
final class DrainSequence {

	private static final Log logger = LogFactory.getLog(DrainSequence.class);

	private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();

	private final @Nullable TcpServers servers;

	private final @Nullable TcpClients clients;

	private final @Nullable ProcessRegistry processes;

	private final @Nullable DefaultProcessService processService;

	private final List<DrainParticipant> participants;

	DrainSequence(@Nullable TcpServers servers, @Nullable TcpClients clients, @Nullable ProcessRegistry processes,
			@Nullable DefaultProcessService processService, List<DrainParticipant> participants) {
		this.servers = servers;
		this.clients = clients;
		this.processes = processes;
		this.processService = processService;
		this.participants = List.copyOf(participants);
	}

	/**
	 * Run the drain.
	 * @param timeout how long the work in flight gets
	 * @return what was still running when the time was up
	 */
	Leftovers run(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		if (this.servers != null) {
			this.servers.beginDrain();
		}
		this.participants.forEach(DrainParticipant::beginDrain);
		awaitUntil(() -> openConnections() == 0 && runningProcesses() == 0 && otherWork() == 0, deadline);
		int forcedProcesses = runningProcesses();
		if (forcedProcesses > 0 && this.processService != null) {
			logger.info("Timeout of the graceful shutdown reached; terminating " + forcedProcesses + " process tree(s)");
			this.processService.close();
			awaitUntil(() -> openConnections() == 0, System.nanoTime() + ShutdownBudget.AFTER_TERMINATION.toNanos());
		}
		if (this.clients != null) {
			this.clients.beginDrain();
			awaitUntil(() -> pendingRequests() == 0, deadline);
		}
		return new Leftovers(openConnections(), forcedProcesses, pendingRequests(), otherWork());
	}

	private int otherWork() {
		return this.participants.stream().mapToInt(DrainParticipant::getInFlight).sum();
	}

	private int openConnections() {
		return (this.servers != null) ? this.servers.getOpenConnections() : 0;
	}

	private int runningProcesses() {
		return (this.processes != null) ? this.processes.size() : 0;
	}

	private int pendingRequests() {
		return (this.clients != null) ? this.clients.getPendingRequests() : 0;
	}

	/**
	 * Polls (the drain runs once per JVM, on the thread closing the context) until the condition
	 * holds or the deadline passes.
	 */
	private static void awaitUntil(BooleanSupplier condition, long deadline) {
		while (!condition.getAsBoolean() && System.nanoTime() - deadline < 0) {
			LockSupport.parkNanos(POLL_NANOS);
		}
	}

	/**
	 * Force the end at once: kill every process tree and close every connection.
	 * @return the connections closed and processes killed
	 */
	Leftovers abort() {
		int killed = (this.processService != null) ? this.processService.killAll() : 0;
		int closed = (this.servers != null) ? this.servers.abortConnections() : 0;
		return new Leftovers(closed, killed, pendingRequests(), otherWork());
	}

	/**
	 * What a drain left behind.
	 * @param connections connections still open
	 * @param processes processes still running at the timeout
	 * @param requests client requests without a reply
	 * @param other work of the drain participants still in flight (e.g. UDP handlers)
	 */
	record Leftovers(int connections, int processes, int requests, int other) {

		boolean none() {
			return this.connections == 0 && this.processes == 0 && this.requests == 0 && this.other == 0;
		}

	}

}
