package io.github.ipcboot.tcp.actuate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;

/**
 * Records the {@code ipc.tcp.handler} observation as meters, as Micrometer's
 * {@code DefaultMeterObservationHandler} does (the same timer, long task timer, names and tags),
 * but keeps the meters it has registered instead of looking them up for every frame: that look-up
 * (converting the key values to tags, building and filtering a meter id, the registry's map) cost
 * more than handling a short frame. Spring Boot puts every {@link MeterObservationHandler} bean in
 * one group where the first handler that supports a context records it; this one is ordered first
 * and supports only {@link TcpHandlerObservationContext}, so every other observation still goes to
 * Boot's handler.
 * <p>
 * Memory: at most {@value #MAX_CACHED} timers and as many long task timers are kept (their key
 * values are low-cardinality by contract: server name, outcome, exception class); past that, a
 * call is recorded through the registry's own look-up, as the default handler would.
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public final class TcpHandlerMeterObservationHandler
		implements MeterObservationHandler<TcpHandlerObservationContext>, Ordered {

	/** The most meters of each kind kept for re-use. */
	static final int MAX_CACHED = 1_000;

	private static final String NONE = "none";

	private final MeterRegistry registry;

	private final boolean longTaskTimers;

	private final Map<MeterKey, Timer> timers = new ConcurrentHashMap<>();

	private final Map<MeterKey, LongTaskTimer> running = new ConcurrentHashMap<>();

	/**
	 * Create a new instance.
	 * @param registry the registry to record into
	 * @param longTaskTimers whether to record the running calls ({@code <name>.active}); Spring
	 * Boot's {@code management.metrics.observations.ignored-meters=long-task-timer} turns them off
	 * for every observation, and this handler follows it
	 */
	public TcpHandlerMeterObservationHandler(MeterRegistry registry, boolean longTaskTimers) {
		this.registry = registry;
		this.longTaskTimers = longTaskTimers;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof TcpHandlerObservationContext;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void onStart(TcpHandlerObservationContext context) {
		if (this.longTaskTimers) {
			MeterKey key = new MeterKey(context.getName() + ".active", context.getLowCardinalityKeyValues(), null);
			LongTaskTimer timer = cached(this.running, key, (k) -> LongTaskTimer.builder(k.name())
				.tags(k.tags())
				.register(this.registry));
			context.put(LongTaskTimer.Sample.class, timer.start());
		}
		context.put(Timer.Sample.class, Timer.start(this.registry));
	}

	@Override
	public void onStop(TcpHandlerObservationContext context) {
		MeterKey key = new MeterKey(context.getName(), context.getLowCardinalityKeyValues(), errorValue(context));
		Timer timer = cached(this.timers, key, (k) -> Timer.builder(k.name()).tags(k.tags()).register(this.registry));
		context.<Timer.Sample>getRequired(Timer.Sample.class).stop(timer);
		LongTaskTimer.Sample running = context.get(LongTaskTimer.Sample.class);
		if (running != null) {
			running.stop();
		}
	}

	int cachedTimers() {
		return this.timers.size();
	}

	private static <M> M cached(Map<MeterKey, M> meters, MeterKey key, Function<MeterKey, M> register) {
		M meter = meters.get(key);
		if (meter != null) {
			return meter;
		}
		if (meters.size() >= MAX_CACHED) {
			// registering an existing meter returns it: correct, only slower
			return register.apply(key);
		}
		return meters.computeIfAbsent(key, register);
	}

	private static String errorValue(Observation.Context context) {
		Throwable error = context.getError();
		return (error != null) ? error.getClass().getSimpleName() : NONE;
	}

	/**
	 * The identity of a meter: its name, the observation's low-cardinality key values and, for
	 * timers, the {@code error} tag Micrometer's handler adds.
	 */
	private record MeterKey(String name, KeyValues keyValues, @Nullable String error) {

		Tags tags() {
			Tags tags = TcpHandlerTimers.tags(this.keyValues);
			return (this.error != null) ? tags.and("error", this.error) : tags;
		}

	}

}
