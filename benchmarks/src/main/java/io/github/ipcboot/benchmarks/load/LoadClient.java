package io.github.ipcboot.benchmarks.load;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Runs one {@link Scenario} against an echo server on 127.0.0.1 (or on a Unix domain socket): opens the connections, lets them
 * run through a warm-up phase and a measurement phase, and sums what they saw. Each connection is
 * one thread with blocking I/O (see {@link ClientConnection}); the work per line is one 64-byte
 * comparison and a few array writes, and a connection writes all the lines its window allows in one
 * call, so most of the client's time is the socket calls themselves.
 */
public final class LoadClient {

	private static final long JOIN_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(ClientConnection.READ_TIMEOUT_MILLIS + 2000);

	private LoadClient() {
	}

	/**
	 * Run the scenario and return what was measured. Returns within warm-up + measurement + about
	 * 7 s even if the server stalls; every connection is closed on return.
	 * @param address the server's address: a port of 127.0.0.1, or a Unix domain socket
	 * @param scenario connections and requests in flight
	 * @param warmUp how long to run before measuring
	 * @param measure how long to measure
	 * @param serverCpu the server's CPU clock, read at the start and the end of the measurement
	 * phase, or {@code null} if unknown
	 * @return throughput, latency percentiles, errors and the server's CPU time
	 * @throws InterruptedException if interrupted while waiting for the connections
	 */
	static ScenarioResult run(SocketAddress address, Scenario scenario, Duration warmUp, Duration measure,
			@Nullable ServerCpu serverCpu) throws InterruptedException {
		List<ClientConnection> connections = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		long start = System.nanoTime();
		long measureStart = start + warmUp.toNanos();
		long end = measureStart + measure.toNanos();
		CpuWindow cpu = new CpuWindow(serverCpu, measureStart, end);
		try {
			for (int i = 0; i < scenario.connections(); i++) {
				ClientConnection connection = new ClientConnection(i, scenario.inFlight(), measureStart, end);
				connection.connect(address);
				connections.add(connection);
			}
			for (ClientConnection connection : connections) {
				Thread thread = new Thread(connection, "load-" + scenario.id() + "-" + threads.size());
				thread.setDaemon(true);
				threads.add(thread);
				thread.start();
			}
			cpu.start();
			long deadline = end + JOIN_GRACE_NANOS;
			for (Thread thread : threads) {
				long left = deadline - System.nanoTime();
				if (left > 0) {
					TimeUnit.NANOSECONDS.timedJoin(thread, left);
				}
			}
		}
		finally {
			connections.forEach(ClientConnection::close);
		}
		for (Thread thread : threads) {
			thread.join(TimeUnit.SECONDS.toMillis(2));
		}
		ClientConnection.Totals totals = new ClientConnection.Totals();
		connections.forEach((connection) -> connection.addTo(totals));
		double seconds = measure.toNanos() / 1e9;
		return new ScenarioResult(totals.measured, seconds, totals.latencies.percentile(50),
				totals.latencies.percentile(99), totals.mismatches, totals.reordered, totals.disconnects,
				cpu.seconds());
	}

}
