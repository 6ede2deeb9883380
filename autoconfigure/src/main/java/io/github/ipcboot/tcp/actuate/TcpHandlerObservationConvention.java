package io.github.ipcboot.tcp.actuate;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The {@link ObservationConvention} of the {@code ipc.tcp.handler} observation; declare a bean of
 * this type to change its name or key values.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 * @see DefaultTcpHandlerObservationConvention
 */
public interface TcpHandlerObservationConvention extends ObservationConvention<TcpHandlerObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof TcpHandlerObservationContext;
	}

}
