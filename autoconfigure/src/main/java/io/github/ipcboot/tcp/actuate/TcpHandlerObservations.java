package io.github.ipcboot.tcp.actuate;

import java.util.function.Supplier;

import io.github.ipcboot.tcp.TcpObserver;
import io.github.ipcboot.tcp.TcpSession;
import io.github.ipcboot.tcp.actuate.TcpHandlerObservationContext.Outcome;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Records every call of the listener method of one server: as an {@code ipc.tcp.handler}
 * observation ({@code ipc.tcp.observation-enabled}: tracing spans, every observation handler), or
 * straight into the meters that observation would make ({@link TcpHandlerTimers}, the default: an
 * observation per frame costs about as much as handling a short frame).
 */
final class TcpHandlerObservations {

	private static final Log logger = LogFactory.getLog(TcpHandlerObservations.class);

	static final TcpHandlerObservationConvention DEFAULT_CONVENTION = new DefaultTcpHandlerObservationConvention();

	static final String TIMER_DESCRIPTION = "Time a @TcpListener method took to handle a frame";

	static final String ACTIVE_DESCRIPTION = "Calls of a @TcpListener method that are running";

	private final String serverName;

	private final ObservationRegistry registry;

	private final @Nullable TcpHandlerObservationConvention convention;

	private final @Nullable TcpHandlerTimers timers;

	private TcpHandlerObservations(String serverName, ObservationRegistry registry,
			@Nullable TcpHandlerObservationConvention convention, @Nullable TcpHandlerTimers timers) {
		this.serverName = serverName;
		this.registry = registry;
		this.convention = convention;
		this.timers = timers;
	}

	/**
	 * Make an observation of every call.
	 * @param serverName the server's name
	 * @param registry the observation registry
	 * @param convention the user's convention, or {@code null} for the default one
	 * @return the observations
	 */
	static TcpHandlerObservations observed(String serverName, ObservationRegistry registry,
			@Nullable TcpHandlerObservationConvention convention) {
		return new TcpHandlerObservations(serverName, registry, convention, null);
	}

	/**
	 * Record every call into the given meters, unless the observation registry turns the
	 * {@code ipc.tcp.handler} observation off ({@link #isOff}), which is asked once; the meters
	 * are made only when it is on.
	 * @param serverName the server's name
	 * @param registry the observation registry
	 * @param convention the user's convention, or {@code null} for the default one
	 * @param timers makes the meters
	 * @return the observations
	 */
	static TcpHandlerObservations timed(String serverName, ObservationRegistry registry,
			@Nullable TcpHandlerObservationConvention convention, Supplier<TcpHandlerTimers> timers) {
		return isOff(serverName, registry, convention)
				? new TcpHandlerObservations(serverName, registry, convention, null)
				: new TcpHandlerObservations(serverName, registry, convention, timers.get());
	}

	/**
	 * Return whether the observation registry turns the {@code ipc.tcp.handler} observation of a
	 * server off ({@code management.observations.enable.ipc.tcp.handler=false}, a predicate, or
	 * a registry without handlers), and say so at INFO: its meters are then not registered at all,
	 * rather than registered and left at zero as if no frame came.
	 * @param serverName the server's name
	 * @param registry the observation registry
	 * @param convention the user's convention, or {@code null} for the default one
	 * @return whether the observation is off
	 */
	static boolean isOff(String serverName, ObservationRegistry registry,
			@Nullable TcpHandlerObservationConvention convention) {
		boolean off = Observation
			.createNotStarted(convention, DEFAULT_CONVENTION, () -> new TcpHandlerObservationContext(serverName, "", ""),
					registry)
			.isNoop();
		if (off) {
			logger.info("TCP server '" + serverName + "' does not time its @TcpListener calls: the observation"
					+ " registry turns the ipc.tcp.handler observation off (management.observations.enable."
					+ "ipc.tcp.handler=false, a predicate, or a registry without observation handlers), so the"
					+ " meters ipc.tcp.handler and ipc.tcp.handler.active are not registered");
		}
		return off;
	}

	TcpObserver.Handling start(TcpSession session) {
		TcpHandlerTimers timed = this.timers;
		if (timed != null) {
			return timed.start();
		}
		// the context (and its remote address text) is made only when the observation is on
		Observation observation = create(() -> new TcpHandlerObservationContext(this.serverName, session.id(),
				session.remoteAddress().getHostString() + ":" + session.remoteAddress().getPort()));
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

	private Observation create(Supplier<TcpHandlerObservationContext> context) {
		return Observation.createNotStarted(this.convention, DEFAULT_CONVENTION, context, this.registry);
	}

}
