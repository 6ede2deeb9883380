package io.github.ipcboot.process.actuate;

import java.util.Locale;

import io.micrometer.common.KeyValues;

import io.github.ipcboot.process.ProcessOutcome;
import io.github.ipcboot.process.actuate.ProcessObservationDocumentation.HighCardinalityKeyNames;
import io.github.ipcboot.process.actuate.ProcessObservationDocumentation.LowCardinalityKeyNames;

/**
 * The default {@link ProcessObservationConvention}: the observation is named
 * {@value #NAME}; {@code command} and {@code outcome} are low-cardinality key values (meter
 * tags), {@code pid} is high-cardinality (traces only).
 *
 * @since 0.1.0
 */
public class DefaultProcessObservationConvention implements ProcessObservationConvention {

	/**
	 * The name of the observation, and of the timer it records.
	 */
	public static final String NAME = "ipc.process.runs";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(ProcessObservationContext context) {
		return "process " + context.getCommand();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ProcessObservationContext context) {
		KeyValues keyValues = KeyValues.of(LowCardinalityKeyNames.COMMAND.withValue(context.getCommand()));
		ProcessOutcome outcome = context.getOutcome();
		return (outcome != null)
				? keyValues.and(LowCardinalityKeyNames.OUTCOME.withValue(outcomeValue(outcome))) : keyValues;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ProcessObservationContext context) {
		return (context.getPid() >= 0) ? KeyValues.of(HighCardinalityKeyNames.PID.withValue(Long.toString(context.getPid())))
				: KeyValues.empty();
	}

	/**
	 * Returns the tag value of an outcome: its name in lower case, such as {@code timed_out}.
	 * @param outcome the outcome
	 * @return the tag value
	 */
	public static String outcomeValue(ProcessOutcome outcome) {
		return outcome.name().toLowerCase(Locale.ROOT);
	}

}
