package io.github.ipcboot.shutdown;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.process.DefaultProcessService;
import io.github.ipcboot.process.ProcessRegistry;
import io.github.ipcboot.shutdown.DrainSequence.Leftovers;
import io.github.ipcboot.tcp.TcpClients;
import io.github.ipcboot.tcp.TcpServers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import sun.misc.Signal;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the graceful shutdown, once, on the first shutdown signal ({@code TERM}, {@code INT} by
 * default) or on any close of the application context: readiness turns
 * {@code REFUSING_TRAFFIC}, the drain delay passes, TCP servers stop accepting and finish their
 * exchanges, processes get the rest of the timeout and are then terminated, clients wait for their
 * replies. After a signal the JVM then exits with the code of the result (see
 * {@link ShutdownSettings#drainedExitCode()}).
 * <p>
 * Its signal handlers are installed before any lifecycle bean starts and stay installed until the
 * JVM exits. The first signal begins the shutdown
 * (or, when a close begun otherwise is under way, makes the JVM exit once it has ended); any
 * further one, during the drain or during the rest of the close, kills every process tree, closes
 * every connection and halts the JVM with 128 + the signal's number (130 for {@code INT}, 143 for
 * {@code TERM}). From the first signal (or from a drain that runs while the JVM exits) the hard
 * deadline ({@link ShutdownSettings#hardDeadline()}) bounds the whole shutdown: a JVM still up
 * then, its close hung, is halted the same way, with a log line of what still ran.
 * <p>
 * It stops in {@link #PHASE}, before web servers begin their own graceful shutdown (so health
 * probes still answer during the drain) and before {@code TcpServers} and {@code TcpClients} stop.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class GracefulShutdownCoordinator implements SmartLifecycle, SmartInitializingSingleton {

	/**
	 * The lifecycle phase: stops before Spring Boot's web server graceful shutdown
	 * ({@code SmartLifecycle.DEFAULT_PHASE - 1024}) and the TCP servers.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private static final Log logger = LogFactory.getLog(GracefulShutdownCoordinator.class);

	private final ConfigurableApplicationContext context;

	private final ShutdownSettings settings;

	private final ShutdownBudget budget;

	private final DrainSequence drain;

	private final List<ShutdownListener> listeners;

	private final SignalHandlers signalHandlers = new SignalHandlers();

	private final ShutdownWatch watch;

	private final ShutdownSignals shutdownSignals;

	private final CountDownLatch abortDelay = new CountDownLatch(1);

	private volatile boolean running;

	/** From the start of a stop (a drain, whoever began it) on: a first signal only waits for it. */
	private volatile boolean stopping;

	private volatile boolean draining;

	private volatile @Nullable ShutdownResult result;

	/**
	 * Create the coordinator of an application context.
	 * @param context the context whose close it drains (and which it closes on a signal)
	 * @param settings the settings
	 * @param budget the longest the shutdown can take, which the default hard deadline follows
	 * @param servers the TCP servers to drain, if any
	 * @param clients the TCP clients to drain, if any
	 * @param processes the registry of running processes, if any
	 * @param processService the service that terminates them at the timeout, if any
	 * @param listeners told when the shutdown begins and ends
	 */
	public GracefulShutdownCoordinator(ConfigurableApplicationContext context, ShutdownSettings settings,
			ShutdownBudget budget, @Nullable TcpServers servers, @Nullable TcpClients clients,
			@Nullable ProcessRegistry processes, @Nullable DefaultProcessService processService,
			List<ShutdownListener> listeners) {
		this(context, settings, budget, servers, clients, processes, processService, listeners, List.of());
	}

	/**
	 * Create the coordinator of an application context, with other participants in the drain.
	 * @param context the context whose close it drains (and which it closes on a signal)
	 * @param settings the settings
	 * @param budget the longest the shutdown can take, which the default hard deadline follows
	 * @param servers the TCP servers to drain, if any
	 * @param clients the TCP clients to drain, if any
	 * @param processes the registry of running processes, if any
	 * @param processService the service that terminates them at the timeout, if any
	 * @param listeners told when the shutdown begins and ends
	 * @param participants drained beside the TCP servers, e.g. the UDP endpoints
	 * @since 0.2.0
	 */
	public GracefulShutdownCoordinator(ConfigurableApplicationContext context, ShutdownSettings settings,
			ShutdownBudget budget, @Nullable TcpServers servers, @Nullable TcpClients clients,
			@Nullable ProcessRegistry processes, @Nullable DefaultProcessService processService,
			List<ShutdownListener> listeners, List<DrainParticipant> participants) {
		this.context = context;
		this.settings = settings;
		this.budget = budget;
		this.drain = new DrainSequence(servers, clients, processes, processService, participants);
		this.listeners = List.copyOf(listeners);
		this.watch = new ShutdownWatch(context::isActive, this::closedWithoutSignal,
				() -> this.drain.abort().processes());
		this.shutdownSignals = new ShutdownSignals(this, context, this.drain, this.watch);
	}

	/**
	 * Install the signal handlers once every singleton exists, before any lifecycle bean starts:
	 * the TCP servers, which start in an earlier phase, accept no client before a signal would
	 * drain them (a signal during the rest of the start-up waits for it, then shuts down).
	 */
	@Override
	public void afterSingletonsInstantiated() {
		if (this.settings.handleSignals()
				&& this.signalHandlers.install(this.settings.signals(), this.shutdownSignals::onSignal)) {
			this.signalHandlers.install(this.settings.eventSignals(), this::onEventSignal);
			logger.debug("Handling SIG" + this.settings.signals() + " (graceful shutdown) and SIG"
					+ this.settings.eventSignals() + " (events); hard deadline " + getHardDeadline().toMillis()
					+ " ms after a signal (" + this.budget + " + margin)");
		}
	}

	@Override
	public void start() {
		if (this.result != null) {
			// started again after a drain (a stopped context, e.g. a paused test context): ready again
			AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
		}
		this.stopping = false;
		this.running = true;
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	/**
	 * Run the graceful shutdown on the thread closing the context, then call back. The signal
	 * handlers stay installed (see the class comment).
	 * @param callback told when the drain has ended
	 */
	@Override
	public void stop(Runnable callback) {
		this.stopping = true;
		try {
			if (this.running) {
				this.running = false;
				if (JvmExit.inProgress()) {
					// a close on the JVM's exit (a shutdown hook): nothing else would end a hung one
					this.watch.arm(getHardDeadline(), ShutdownResult.FORCED_EXIT_CODE, "the start of the JVM's exit");
				}
				this.watch.start();
				drain();
			}
		}
		finally {
			callback.run();
		}
	}

	/**
	 * Return the longest the shutdown can take, term by term.
	 * @return the budget
	 */
	public ShutdownBudget getBudget() {
		return this.budget;
	}

	/**
	 * Return the hard deadline in effect: {@code ipc.shutdown.hard-deadline}, or else
	 * {@link ShutdownBudget#hardDeadline()}.
	 * @return the time from the first signal after which the JVM is halted
	 */
	public Duration getHardDeadline() {
		Duration configured = this.settings.hardDeadline();
		return (configured != null) ? configured : this.budget.hardDeadline();
	}

	private void drain() {
		long start = System.nanoTime();
		this.draining = true;
		ShutdownResult outcome;
		try {
			this.listeners.forEach((listener) -> notify(() -> listener.shutdownStarted()));
			logger.info("Commencing graceful shutdown. Waiting " + this.settings.drainDelay().toMillis()
					+ " ms, then up to " + this.settings.timeout().toMillis()
					+ " ms for active TCP exchanges and processes to complete");
			AvailabilityChangeEvent.publish(this.context, ReadinessState.REFUSING_TRAFFIC);
			awaitDrainDelay();
			outcome = outcome(this.drain.run(this.settings.timeout()), start);
		}
		catch (RuntimeException ex) {
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			logger.error("Graceful shutdown failed after " + took.toMillis() + " ms; counted as forced", ex);
			outcome = new ShutdownResult(false, took, 0, 0, 0, this.shutdownSignals.first());
		}
		// the result first: a signal that sees the drain ended knows how
		this.result = outcome;
		this.draining = false;
		ShutdownResult finished = outcome;
		this.listeners.forEach((listener) -> notify(() -> listener.shutdownFinished(finished)));
	}

	private ShutdownResult outcome(Leftovers leftovers, long start) {
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		if (this.shutdownSignals.isForcing()) {
			// a further signal closed what was left: nothing drained
			logger.warn("Graceful shutdown ended by a further signal after " + took.toMillis() + " ms (forced)");
			return new ShutdownResult(false, took, leftovers.connections(), leftovers.processes(),
					leftovers.requests(), this.shutdownSignals.first());
		}
		ShutdownResult outcome = new ShutdownResult(leftovers.none(), took, leftovers.connections(),
				leftovers.processes(), leftovers.requests(), this.shutdownSignals.first());
		if (outcome.drained()) {
			logger.info("Graceful shutdown complete in " + took.toMillis() + " ms (drained)");
		}
		else {
			logger.warn("Graceful shutdown aborted (forced) after " + took.toMillis() + " ms: "
					+ leftovers.connections() + " connections, " + leftovers.processes() + " processes, "
					+ leftovers.requests() + " client requests, " + leftovers.other()
					+ " other tasks (e.g. UDP handlers) still in flight at the timeout");
		}
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

	/**
	 * The context has closed without any shutdown signal, and the JVM lives on (a test, an
	 * application that closes one context of several): give the signals back.
	 */
	private void closedWithoutSignal() {
		if (this.shutdownSignals.first() == null && !this.running) {
			this.signalHandlers.uninstall();
		}
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

	ShutdownSettings settings() {
		return this.settings;
	}

	/**
	 * Return whether a stop (a drain, whoever began it) has begun and the coordinator was not
	 * started again since.
	 */
	boolean isStopping() {
		return this.stopping;
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
