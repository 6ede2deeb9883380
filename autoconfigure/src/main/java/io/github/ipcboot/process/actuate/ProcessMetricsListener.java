package io.github.ipcboot.process.actuate;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import io.github.ipcboot.process.ProcessInfo;
import io.github.ipcboot.process.ProcessListener;
import io.github.ipcboot.process.ProcessRegistry;
import io.github.ipcboot.process.ProcessRejectedException;
import io.github.ipcboot.process.ProcessResult;
import io.github.ipcboot.process.ProcessSignal;

/**
 * A {@link ProcessListener} that measures a process service with Micrometer, per command (the
 * configured name, or {@code adhoc}):
 * <ul>
 * <li>{@code ipc.process.runs}: every run is an {@link Observation} (see
 * {@link ProcessObservationDocumentation}), recorded as a timer by the observation registry's
 * meter handler;</li>
 * <li>{@code ipc.process.active} and {@code ipc.process.queued}: gauges of the processes running
 * and the callers waiting for capacity, read from the {@link ProcessRegistry};</li>
 * <li>{@code ipc.process.rejected}: a counter of the runs rejected for lack of capacity;</li>
 * <li>{@code ipc.process.killed}: a counter of the processes sent {@code SIGTERM} or
 * {@code SIGKILL} to end a run (timeout, cancellation, shutdown), tagged with the signal.</li>
 * </ul>
 * The gauges and counters of a command are registered up front for the names given to the
 * constructor (and {@code adhoc}), so that dashboards show zeros rather than nothing, and for any
 * other name when a run of it is first seen.
 *
 * @since 0.1.0
 */
public class ProcessMetricsListener implements ProcessListener {

	/** The name of the gauge of running processes. */
	public static final String ACTIVE = "ipc.process.active";

	/** The name of the gauge of callers waiting for capacity. */
	public static final String QUEUED = "ipc.process.queued";

	/** The name of the counter of rejected runs. */
	public static final String REJECTED = "ipc.process.rejected";

	/** The name of the counter of processes sent a signal to end their run. */
	public static final String KILLED = "ipc.process.killed";

	static final String ADHOC = "adhoc";

	private static final String COMMAND = ProcessObservationDocumentation.LowCardinalityKeyNames.COMMAND.asString();

	private static final String SIGNAL = "signal";

	private static final ProcessObservationConvention DEFAULT_CONVENTION = new DefaultProcessObservationConvention();

	private final MeterRegistry meterRegistry;

	private final ObservationRegistry observationRegistry;

	private final @Nullable ProcessObservationConvention convention;

	private final ProcessRegistry processRegistry;

	private final Set<String> registered = ConcurrentHashMap.newKeySet();

	private final Map<Run, ObservedRun> running = new ConcurrentHashMap<>();

	/**
	 * Creates a listener and registers the meters of the given commands and of {@code adhoc}.
	 * @param meterRegistry where the gauges and counters go
	 * @param observationRegistry where the runs are observed
	 * @param convention the convention of the run observation, or {@code null} for the default
	 * @param processRegistry the registry of the service the listener is added to
	 * @param commands the names of the configured commands
	 */
	public ProcessMetricsListener(MeterRegistry meterRegistry, ObservationRegistry observationRegistry,
			@Nullable ProcessObservationConvention convention, ProcessRegistry processRegistry,
			Collection<String> commands) {
		this.meterRegistry = meterRegistry;
		this.observationRegistry = observationRegistry;
		this.convention = convention;
		this.processRegistry = processRegistry;
		commands.forEach(this::register);
		register(ADHOC);
	}

	@Override
	public void processStarted(ProcessInfo process) {
		register(process.displayName());
		this.running.put(new Run(process.pid(), process.startTime()), observe(process.displayName(), process.pid()));
	}

	@Override
	public void processFinished(ProcessResult result) {
		register(result.displayName());
		ObservedRun run = this.running.remove(new Run(result.pid(), result.startTime()));
		if (run == null) {
			// the process did not start: observe the attempt
			run = observe(result.displayName(), result.pid());
		}
		run.context().setResult(result);
		run.observation().stop();
	}

	@Override
	public void processRejected(ProcessRejectedException exception) {
		register(exception.getCommandName());
		rejected(exception.getCommandName()).increment();
	}

	@Override
	public void processSignalled(ProcessInfo process, ProcessSignal signal, int count) {
		register(process.displayName());
		killed(process.displayName(), signal).increment(count);
	}

	private ObservedRun observe(String command, long pid) {
		ProcessObservationContext context = new ProcessObservationContext(command, pid);
		Observation observation = ProcessObservationDocumentation.PROCESS_RUN
			.observation(this.convention, DEFAULT_CONVENTION, () -> context, this.observationRegistry)
			.start();
		// a disabled observation has a context of its own: keep ours
		return new ObservedRun(observation, context);
	}

	private void register(String command) {
		if (!this.registered.add(command)) {
			return;
		}
		gauge(ACTIVE, "Processes running (until their output is drained)", "processes", command,
				(registry) -> registry.count(command));
		gauge(QUEUED, "Runs waiting for capacity to start", "runs", command, (registry) -> registry.queued(command));
		rejected(command);
		killed(command, ProcessSignal.SIGTERM);
		killed(command, ProcessSignal.SIGKILL);
	}

	private void gauge(String name, String description, String baseUnit, String command,
			ToDoubleFunction<ProcessRegistry> value) {
		Gauge.builder(name, this.processRegistry, value)
			.description(description)
			.baseUnit(baseUnit)
			.tag(COMMAND, command)
			.strongReference(true)
			.register(this.meterRegistry);
	}

	private Counter rejected(String command) {
		return Counter.builder(REJECTED)
			.description("Runs rejected for lack of capacity, or because the service was shut down")
			.baseUnit("runs")
			.tag(COMMAND, command)
			.register(this.meterRegistry);
	}

	private Counter killed(String command, ProcessSignal signal) {
		return Counter.builder(KILLED)
			.description("Processes sent a signal to end their run (timeout, cancellation, shutdown), "
					+ "every process of the tree counted")
			.baseUnit("processes")
			.tag(COMMAND, command)
			.tag(SIGNAL, signalValue(signal))
			.register(this.meterRegistry);
	}

	/**
	 * Returns the tag value of a signal: its name without the {@code SIG} prefix, such as
	 * {@code TERM}.
	 * @param signal the signal
	 * @return the tag value
	 */
	static String signalValue(ProcessSignal signal) {
		String name = signal.name();
		return name.startsWith("SIG") ? name.substring(3) : name;
	}

	/**
	 * Identifies a run: a pid is unique among running processes, and with its start time even
	 * after the operating system reuses it.
	 */
	private record Run(long pid, Instant startTime) {

	}

	private record ObservedRun(Observation observation, ProcessObservationContext context) {

	}

}
