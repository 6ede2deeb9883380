package io.github.ipcboot.actuate;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import org.jspecify.annotations.Nullable;

/**
 * Registers the counters of one component's stats, all with the same tags; each counter reads
 * its count from the stats whenever it is scraped.
 *
 * @param <S> the type of the stats
 * @param registry the registry of the counters
 * @param stats the stats the counters read
 * @param tags the tags of every counter
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public record FunctionCounters<S>(MeterRegistry registry, S stats, Tags tags) {

	/**
	 * Register a counter of events.
	 * @param name the name of the counter
	 * @param count reads the count
	 * @param description the description
	 */
	public void count(String name, ToDoubleFunction<S> count, String description) {
		register(name, count, this.tags, description, null);
	}

	/**
	 * Register a counter of events with a tag of its own besides the common ones.
	 * @param name the name of the counter
	 * @param count reads the count
	 * @param key the key of the extra tag
	 * @param value the value of the extra tag
	 * @param description the description
	 */
	public void count(String name, ToDoubleFunction<S> count, String key, String value, String description) {
		register(name, count, this.tags.and(key, value), description, null);
	}

	/**
	 * Register a counter of bytes.
	 * @param name the name of the counter
	 * @param count reads the count
	 * @param description the description
	 */
	public void countBytes(String name, ToDoubleFunction<S> count, String description) {
		register(name, count, this.tags, description, BaseUnits.BYTES);
	}

	private void register(String name, ToDoubleFunction<S> count, Tags tags, String description,
			@Nullable String baseUnit) {
		FunctionCounter.builder(name, this.stats, count)
			.tags(tags)
			.description(description)
			.baseUnit(baseUnit)
			.register(this.registry);
	}

}
