package io.github.ipcboot.shutdown;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.ipcboot.process.DefaultProcessService;
import io.github.ipcboot.process.ProcessRegistry;
import io.github.ipcboot.shutdown.DrainSequence.Leftovers;
import io.github.ipcboot.tcp.TcpClients;
import io.github.ipcboot.tcp.TcpServers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import sun.misc.Signal;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the graceful shutdown, once, on the first shutdown signal ({@code TERM}, {@code INT} by
 * default) or on any close of the application context: readiness turns
 * {@code REFUSING_TRAFFIC}, the drain delay passes, TCP servers stop accepting and finish their
 * exchanges, processes get the rest of the timeout and are then terminated, clients wait for their
 * replies. After a signal the JVM then exits with {@link ShutdownResult#exitCode()}; a second
 * shutdown signal during the drain kills every process tree, closes every connection and halts the
 * JVM with 128 + the signal's number (130 for {@code INT}, 143 for {@code TERM}).
 * <p>
 * It stops in {@link #PHASE}, before web servers begin their own graceful shutdown (so health
 * probes still answer during the drain) and before {@code TcpServers} and {@code TcpClients} stop.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class GracefulShutdownCoordinator implements SmartLifecycle {

	/**
	 * The lifecycle phase: stops before Spring Boot's web server graceful shutdown
	 * ({@code SmartLifecycle.DEFAULT_PHASE - 1024}) and the TCP servers.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private static final Log logger = LogFactory.getLog(GracefulShutdownCoordinator.class);

	private final ConfigurableApplicationContext context;

	private final ShutdownSettings settings;

	private final DrainSequence drain;

	private final List<ShutdownListener> listeners;

	private final SignalHandlers signalHandlers = new SignalHandlers();

	private final AtomicReference<@Nullable String> shutdownSignal = new AtomicReference<>();

	private final CountDownLatch abortDelay = new CountDownLatch(1);

	private volatile boolean running;

	private volatile boolean draining;

	private volatile @Nullable ShutdownResult result;

	/**
	 * Create the coordinator of an application context.
	 * @param context the context whose close it drains (and which it closes on a signal)
	 * @param settings the settings
	 * @param servers the TCP servers to drain, if any
	 * @param clients the TCP clients to drain, if any
	 * @param processes the registry of running processes, if any
	 * @param processService the service that terminates them at the timeout, if any
	 * @param listeners told when the shutdown begins and ends
	 */
	public GracefulShutdownCoordinator(ConfigurableApplicationContext context, ShutdownSettings settings,
			@Nullable TcpServers servers, @Nullable TcpClients clients, @Nullable ProcessRegistry processes,
			@Nullable DefaultProcessService processService, List<ShutdownListener> listeners) {
		this(context, settings, servers, clients, processes, processService, listeners, List.of());
	}

	/**
	 * Create the coordinator of an application context, with other participants in the drain.
	 * @param context the context whose close it drains (and which it closes on a signal)
	 * @param settings the settings
	 * @param servers the TCP servers to drain, if any
	 * @param clients the TCP clients to drain, if any
	 * @param processes the registry of running processes, if any
	 * @param processService the service that terminates them at the timeout, if any
	 * @param listeners told when the shutdown begins and ends
	 * @param participants drained beside the TCP servers, e.g. the UDP endpoints
	 * @since 0.2.0
	 */
	public GracefulShutdownCoordinator(ConfigurableApplicationContext context, ShutdownSettings settings,
			@Nullable TcpServers servers, @Nullable TcpClients clients, @Nullable ProcessRegistry processes,
			@Nullable DefaultProcessService processService, List<ShutdownListener> listeners,
			List<DrainParticipant> participants) {
		this.context = context;
		this.settings = settings;
		this.drain = new DrainSequence(servers, clients, processes, processService, participants);
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public void start() {
		if (this.settings.handleSignals() && this.signalHandlers.install(this.settings.signals(), this::onShutdownSignal)) {
			this.signalHandlers.install(this.settings.eventSignals(), this::onEventSignal);
			logger.debug("Handling SIG" + this.settings.signals() + " (graceful shutdown) and SIG"
					+ this.settings.eventSignals() + " (events)");
		}
		if (this.result != null) {
			// started again after a drain (a stopped context, e.g. a paused test context): ready again
			AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
		}
		this.running = true;
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	/**
	 * Run the graceful shutdown on the thread closing the context, then call back.
	 * @param callback told when the drain has ended
	 */
	@Override
	public void stop(Runnable callback) {
		try {
			if (this.running) {
				this.running = false;
				this.result = drain();
			}
		}
		finally {
			this.signalHandlers.uninstall();
			callback.run();
		}
	}

	private ShutdownResult drain() {
		long start = System.nanoTime();
		this.draining = true;
		this.listeners.forEach((listener) -> notify(() -> listener.shutdownStarted()));
		logger.info("Commencing graceful shutdown. Waiting " + this.settings.drainDelay().toMillis()
				+ " ms, then up to " + this.settings.timeout().toMillis()
				+ " ms for active TCP exchanges and processes to complete");
		AvailabilityChangeEvent.publish(this.context, ReadinessState.REFUSING_TRAFFIC);
		awaitDrainDelay();
		Leftovers leftovers = this.drain.run(this.settings.timeout());
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		ShutdownResult outcome = new ShutdownResult(leftovers.none(), took, leftovers.connections(),
				leftovers.processes(), leftovers.requests(), this.shutdownSignal.get());
		if (outcome.drained()) {
			logger.info("Graceful shutdown complete in " + took.toMillis() + " ms (drained)");
		}
		else {
			logger.warn("Graceful shutdown aborted (forced) after " + took.toMillis() + " ms: "
					+ leftovers.connections() + " connections, " + leftovers.processes() + " processes, "
					+ leftovers.requests() + " client requests, " + leftovers.other()
					+ " other tasks (e.g. UDP handlers) still in flight at the timeout");
		}
		this.draining = false;
		this.listeners.forEach((listener) -> notify(() -> listener.shutdownFinished(outcome)));
		return outcome;
	}

	private void awaitDrainDelay() {
		try {
			this.abortDelay.await(this.settings.drainDelay().toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void notify(Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			logger.warn("A ShutdownListener failed", ex);
		}
	}

	private void onShutdownSignal(Signal signal) {
		if (this.shutdownSignal.compareAndSet(null, signal.getName()) && this.running) {
			logger.info("Received SIG" + signal.getName() + ": beginning the graceful shutdown");
			Thread closer = new Thread(() -> closeAndExit(signal), "ipc-shutdown");
			// not a daemon (as the signal thread is): the JVM must not end before it chose the code
			closer.setDaemon(false);
			closer.start();
		}
		else {
			forceExit(signal);
		}
	}

	private void closeAndExit(Signal signal) {
		int code = ShutdownResult.FORCED_EXIT_CODE;
		try {
			this.context.close();
			ShutdownResult outcome = this.result;
			code = (outcome != null) ? outcome.exitCode() : 0;
		}
		catch (RuntimeException ex) {
			logger.error("Closing the application context after SIG" + signal.getName() + " failed", ex);
		}
		finally {
			logger.debug("Exiting with code " + code + " after SIG" + signal.getName());
			System.exit(code);
		}
	}

	private void forceExit(Signal signal) {
		int code = 128 + signal.getNumber();
		Leftovers aborted = this.drain.abort();
		logger.warn("Received SIG" + signal.getName() + " during the graceful shutdown: forced exit with code " + code
				+ " (" + aborted.processes() + " processes killed, " + aborted.connections() + " connections closed)");
		endDrainDelay();
		Runtime.getRuntime().halt(code);
	}

	/**
	 * End the drain delay now if it is in progress (a forced exit does; so do tests, which cannot
	 * afford to wait out a delay long enough to be checked within it).
	 */
	void endDrainDelay() {
		this.abortDelay.countDown();
	}

	private void onEventSignal(Signal signal) {
		logger.info("Received SIG" + signal.getName() + "; publishing a SignalReceivedEvent");
		this.context.publishEvent(new SignalReceivedEvent(this, signal.getName(), signal.getNumber()));
	}

	/**
	 * Return whether the drain is in progress.
	 * @return whether draining
	 */
	public boolean isDraining() {
		return this.draining;
	}

	/**
	 * Return how the last graceful shutdown ended.
	 * @return the result, or {@code null} before a shutdown
	 */
	public @Nullable ShutdownResult getResult() {
		return this.result;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
