package io.github.ipcboot.process.actuate;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The {@link ObservationConvention} of process runs; declare a bean of this type to change the
 * name or the key values of the {@code ipc.process.runs} observation.
 *
 * @since 0.1.0
 * @see DefaultProcessObservationConvention
 */
public interface ProcessObservationConvention extends ObservationConvention<ProcessObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ProcessObservationContext;
	}

}
