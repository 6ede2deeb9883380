package io.github.ipcboot.tcp.actuate;

import java.util.Locale;

import io.github.ipcboot.tcp.actuate.TcpHandlerObservationContext.Outcome;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link TcpHandlerObservationConvention}: observation {@code ipc.tcp.handler} with the
 * low-cardinality key values {@code name} (the server's configured name) and, once the listener
 * method has returned or thrown, {@code outcome} ({@code success} or {@code error}) and
 * {@code exception} (the simple class name of what it threw, or {@code none}); and the
 * high-cardinality key values {@code remote.address} and {@code connection.id}, which go to traces
 * and never become meter tags.
 * <p>
 * Meters made from it by Micrometer's {@code DefaultMeterObservationHandler}: the timer
 * {@code ipc.tcp.handler} (tags {@code name}, {@code outcome}, {@code exception} and the handler's
 * own {@code error}) and the long task timer {@code ipc.tcp.handler.active} (tag {@code name}).
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class DefaultTcpHandlerObservationConvention implements TcpHandlerObservationConvention {

	/**
	 * The name of the observation and of its timer.
	 */
	public static final String NAME = "ipc.tcp.handler";

	private static final String NONE = "none";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(TcpHandlerObservationContext context) {
		return "tcp " + context.getServerName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(TcpHandlerObservationContext context) {
		KeyValues name = KeyValues.of("name", context.getServerName());
		Outcome outcome = context.getOutcome();
		if (outcome == null) {
			// at the start: the long task timer of the running calls is tagged by server only
			return name;
		}
		return name.and("outcome", outcome.name().toLowerCase(Locale.ROOT), "exception", exception(context.getError()));
	}

	private static String exception(@Nullable Throwable error) {
		if (error == null) {
			return NONE;
		}
		String simpleName = error.getClass().getSimpleName();
		return simpleName.isEmpty() ? error.getClass().getName() : simpleName;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(TcpHandlerObservationContext context) {
		return KeyValues.of("remote.address", context.getRemoteAddress(), "connection.id", context.getConnectionId());
	}

}
