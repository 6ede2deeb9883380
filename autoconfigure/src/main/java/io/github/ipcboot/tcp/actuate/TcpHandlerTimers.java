package io.github.ipcboot.tcp.actuate;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.tcp.TcpObserver;
import io.github.ipcboot.tcp.actuate.TcpHandlerObservationContext.Outcome;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import org.jspecify.annotations.Nullable;

/**
 * The meters of one server's {@code ipc.tcp.handler} calls, named and tagged as Micrometer's meter
 * observation handler would make them from the observation (the convention's name and
 * low-cardinality key values, the observation filters' key values, the handler's {@code error}
 * tag), registered once and recorded without making an observation per call.
 * <p>
 * The key values are computed once per outcome and exception type, so a convention whose
 * low-cardinality key values depend on the connection or the frame gets the first call's values;
 * such values belong in the high-cardinality ones anyway. Memory: one timer per exception type the
 * listener throws, at most {@value #MAX_KEPT_ERROR_TYPES} kept (past that a failed call is recorded
 * through the registry's look-up).
 */
final class TcpHandlerTimers {

	static final int MAX_KEPT_ERROR_TYPES = 100;

	private static final String NONE = "none";

	private final String serverName;

	private final MeterRegistry registry;

	private final Clock clock;

	private final TcpHandlerObservationConvention convention;

	private final List<ObservationFilter> filters;

	private final @Nullable LongTaskTimer running;

	private final Timer succeeded;

	private final Map<Class<?>, Timer> failed = new ConcurrentHashMap<>();

	private final int maxKeptErrorTypes;

	/**
	 * Register the meters of a server's listener calls: the timer of the calls that succeed and,
	 * when asked for, the long task timer of the running calls.
	 * @param serverName the server's name
	 * @param registry the meter registry
	 * @param convention the observation convention that names and tags the meters
	 * @param filters the observation registry's filters, in the order it applies them
	 * @param longTaskTimer whether to register and record the long task timer
	 */
	TcpHandlerTimers(String serverName, MeterRegistry registry, TcpHandlerObservationConvention convention,
			List<ObservationFilter> filters, boolean longTaskTimer) {
		this(serverName, registry, convention, filters, longTaskTimer, MAX_KEPT_ERROR_TYPES);
	}

	TcpHandlerTimers(String serverName, MeterRegistry registry, TcpHandlerObservationConvention convention,
			List<ObservationFilter> filters, boolean longTaskTimer, int maxKeptErrorTypes) {
		this.maxKeptErrorTypes = maxKeptErrorTypes;
		this.serverName = serverName;
		this.registry = registry;
		this.clock = registry.config().clock();
		this.convention = convention;
		this.filters = List.copyOf(filters);
		// as the meter handler does: the running calls are tagged with the key values at the start
		TcpHandlerObservationContext start = new TcpHandlerObservationContext(serverName, "", "");
		this.running = longTaskTimer ? LongTaskTimer.builder(convention.getName() + ".active")
			.description(TcpHandlerObservations.ACTIVE_DESCRIPTION)
			.tags(tags(convention.getLowCardinalityKeyValues(start)))
			.register(registry) : null;
		this.succeeded = register(null);
	}

	/**
	 * Start timing one call.
	 * @return what records the call when it ends
	 */
	TcpObserver.Handling start() {
		long startTime = this.clock.monotonicTime();
		LongTaskTimer running = this.running;
		LongTaskTimer.Sample sample = (running != null) ? running.start() : null;
		return (error) -> {
			if (sample != null) {
				sample.stop();
			}
			timer(error).record(this.clock.monotonicTime() - startTime, TimeUnit.NANOSECONDS);
		};
	}

	int keptErrorTypes() {
		return this.failed.size();
	}

	private Timer timer(@Nullable Throwable error) {
		if (error == null) {
			return this.succeeded;
		}
		Timer timer = this.failed.get(error.getClass());
		if (timer != null) {
			return timer;
		}
		if (this.failed.size() >= this.maxKeptErrorTypes) {
			return register(error);
		}
		return this.failed.computeIfAbsent(error.getClass(), (type) -> register(error));
	}

	private Timer register(@Nullable Throwable error) {
		TcpHandlerObservationContext context = new TcpHandlerObservationContext(this.serverName, "", "");
		context.setOutcome((error != null) ? Outcome.ERROR : Outcome.SUCCESS);
		if (error != null) {
			context.setError(error);
		}
		context.addLowCardinalityKeyValues(this.convention.getLowCardinalityKeyValues(context));
		Observation.Context filtered = context;
		for (ObservationFilter filter : this.filters) {
			filtered = filter.map(filtered);
		}
		return Timer.builder(this.convention.getName())
			.description(TcpHandlerObservations.TIMER_DESCRIPTION)
			.tags(tags(filtered.getLowCardinalityKeyValues()))
			.tag("error", (error != null) ? error.getClass().getSimpleName() : NONE)
			.register(this.registry);
	}

	static Tags tags(Iterable<KeyValue> keyValues) {
		Tags tags = Tags.empty();
		for (KeyValue keyValue : keyValues) {
			tags = tags.and(Tag.of(keyValue.getKey(), keyValue.getValue()));
		}
		return tags;
	}

}
