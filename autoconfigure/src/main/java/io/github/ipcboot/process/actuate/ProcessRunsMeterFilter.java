package io.github.ipcboot.process.actuate;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MeterFilter} that describes the meters recorded for the {@code ipc.process.runs}
 * observation, which the observation registry's meter handler registers without a description:
 * the timer {@code ipc.process.runs} and the long-task timer {@code ipc.process.runs.active}.
 *
 * @since 0.1.0
 */
public class ProcessRunsMeterFilter implements MeterFilter {

	private static final String RUNS = DefaultProcessObservationConvention.NAME;

	private static final String ACTIVE_RUNS = RUNS + ".active";

	@Override
	public Meter.Id map(Meter.Id id) {
		String description = (id.getDescription() == null) ? describe(id.getName()) : null;
		return (description != null)
				? new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description, id.getType())
				: id;
	}

	private static @Nullable String describe(String name) {
		if (name.equals(RUNS)) {
			return "Process runs, from start until their output is drained, by command and outcome";
		}
		if (name.equals(ACTIVE_RUNS)) {
			return "Process runs in progress, by command";
		}
		return null;
	}

}
