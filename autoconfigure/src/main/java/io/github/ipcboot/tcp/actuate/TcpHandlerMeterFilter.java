package io.github.ipcboot.tcp.actuate;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Gives the meters Micrometer's meter observation handler makes of the {@code ipc.tcp.handler}
 * observation (which have none) their descriptions.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class TcpHandlerMeterFilter implements MeterFilter {

	private static final String ACTIVE_NAME = DefaultTcpHandlerObservationConvention.NAME + ".active";

	@Override
	public Meter.Id map(Meter.Id id) {
		if (id.getDescription() != null) {
			return id;
		}
		if (id.getName().equals(DefaultTcpHandlerObservationConvention.NAME)) {
			return describe(id, TcpHandlerObservations.TIMER_DESCRIPTION);
		}
		return id.getName().equals(ACTIVE_NAME) ? describe(id, TcpHandlerObservations.ACTIVE_DESCRIPTION) : id;
	}

	private static Meter.Id describe(Meter.Id id, String description) {
		return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description,
				id.getType());
	}

}
