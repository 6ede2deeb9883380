package io.github.ipcboot.tcp.actuate;

import java.util.List;

import io.github.ipcboot.tcp.TcpObserver;
import io.github.ipcboot.tcp.TcpSession;
import io.github.ipcboot.tcp.actuate.TcpHandlerObservationContext.Outcome;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Makes an {@code ipc.tcp.handler} observation of every call of the listener method of one server.
 */
final class TcpHandlerObservations {

	private static final TcpHandlerObservationConvention DEFAULT_CONVENTION = new DefaultTcpHandlerObservationConvention();

	static final String TIMER_DESCRIPTION = "Time a @TcpListener method took to handle a frame";

	static final String ACTIVE_DESCRIPTION = "Calls of a @TcpListener method that are running";

	private final String serverName;

	private final ObservationRegistry registry;

	private final @Nullable TcpHandlerObservationConvention convention;

	TcpHandlerObservations(String serverName, ObservationRegistry registry,
			@Nullable TcpHandlerObservationConvention convention) {
		this.serverName = serverName;
		this.registry = registry;
		this.convention = convention;
	}

	TcpObserver.Handling start(TcpSession session) {
		// the context (and its remote address text) is made only when the observation is on
		Observation observation = Observation.createNotStarted(this.convention, DEFAULT_CONVENTION,
				() -> new TcpHandlerObservationContext(this.serverName, session.id(),
						session.remoteAddress().getHostString() + ":" + session.remoteAddress().getPort()),
				this.registry);
		if (observation.isNoop()) {
			// turned off (management.observations.enable.ipc.tcp.handler=false, or no handler)
			return TcpObserver.Handling.NONE;
		}
		TcpHandlerObservationContext context = (TcpHandlerObservationContext) observation.getContext();
		observation.start();
		Observation.Scope scope = observation.openScope();
		return (error) -> {
			if (error != null) {
				observation.error(error);
			}
			context.setOutcome((error != null) ? Outcome.ERROR : Outcome.SUCCESS);
			scope.close();
			observation.stop();
		};
	}

	/**
	 * Register the handler's meters as Micrometer's {@code DefaultMeterObservationHandler} will
	 * tag them, so that they exist (at zero) before the first call: the long task timer, and the
	 * timer of a call that succeeds, with the key values the observation filters add.
	 * @param meterRegistry the registry the meter observation handler records into
	 * @param filters the observation filters of the observation registry
	 */
	void registerMeters(MeterRegistry meterRegistry, List<ObservationFilter> filters) {
		TcpHandlerObservationConvention conventionToUse = (this.convention != null) ? this.convention
				: DEFAULT_CONVENTION;
		TcpHandlerObservationContext running = new TcpHandlerObservationContext(this.serverName, "", "");
		LongTaskTimer.builder(conventionToUse.getName() + ".active")
			.description(ACTIVE_DESCRIPTION)
			.tags(tags(conventionToUse.getLowCardinalityKeyValues(running)))
			.register(meterRegistry);
		TcpHandlerObservationContext succeeded = new TcpHandlerObservationContext(this.serverName, "", "");
		succeeded.setOutcome(Outcome.SUCCESS);
		succeeded.addLowCardinalityKeyValues(conventionToUse.getLowCardinalityKeyValues(succeeded));
		Observation.Context filtered = succeeded;
		for (ObservationFilter filter : filters) {
			filtered = filter.map(filtered);
		}
		Timer.builder(conventionToUse.getName())
			.description(TIMER_DESCRIPTION)
			.tags(tags(filtered.getLowCardinalityKeyValues()))
			.tag("error", "none")
			.register(meterRegistry);
	}

	private static Tags tags(Iterable<KeyValue> keyValues) {
		Tags tags = Tags.empty();
		for (KeyValue keyValue : keyValues) {
			tags = tags.and(Tag.of(keyValue.getKey(), keyValue.getValue()));
		}
		return tags;
	}

}
