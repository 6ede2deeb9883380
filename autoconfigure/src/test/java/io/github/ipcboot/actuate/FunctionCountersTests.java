package io.github.ipcboot.actuate;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FunctionCounters}.
 */
class FunctionCountersTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final AtomicLong stats = new AtomicLong();

	private final FunctionCounters<AtomicLong> counters = new FunctionCounters<>(this.registry, this.stats,
			Tags.of("name", "feed", "side", "endpoint"));

	@Test
	void countShouldReadTheStatsWithTheCommonTagsAndNoUnit() {
		this.counters.count("test.received", AtomicLong::get, "Things received");
		this.stats.set(7);
		FunctionCounter counter = this.registry.get("test.received").tags("name", "feed", "side", "endpoint").functionCounter();
		assertThat(counter.count()).isEqualTo(7);
		assertThat(counter.getId().getDescription()).isEqualTo("Things received");
		assertThat(counter.getId().getBaseUnit()).isNull();
	}

	@Test
	void countWithExtraTagShouldAddItToTheCommonTags() {
		this.counters.count("test.dropped", (stats) -> stats.get() * 2, "reason", "too_large", "Things dropped");
		this.stats.set(3);
		FunctionCounter counter = this.registry.get("test.dropped").tags("name", "feed", "reason", "too_large").functionCounter();
		assertThat(counter.count()).isEqualTo(6);
		assertThat(counter.getId().getTags()).hasSize(3);
	}

	@Test
	void countBytesShouldHaveTheUnitBytes() {
		this.counters.countBytes("test.data", AtomicLong::get, "Bytes received");
		assertThat(this.registry.get("test.data").functionCounter().getId().getBaseUnit()).isEqualTo(BaseUnits.BYTES);
	}

}
