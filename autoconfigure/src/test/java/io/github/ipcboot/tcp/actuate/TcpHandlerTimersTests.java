package io.github.ipcboot.tcp.actuate;

import java.util.List;

import io.github.ipcboot.tcp.TcpObserver;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationFilter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TcpHandlerTimers}: the meters the {@code ipc.tcp.handler} observation would
 * make, recorded without one.
 */
class TcpHandlerTimersTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final ObservationFilter team = (context) -> context.addLowCardinalityKeyValue(KeyValue.of("team", "core"));

	@Test
	void callsShouldBeRecordedByOutcomeAndExceptionWithTheFiltersKeyValues() {
		TcpHandlerTimers timers = new TcpHandlerTimers("echo", this.registry, TcpHandlerObservations.DEFAULT_CONVENTION,
				List.of(this.team), true);
		assertThat(this.registry.get("ipc.tcp.handler").tags("outcome", "success").timer().count()).isZero();
		TcpObserver.Handling running = timers.start();
		assertThat(this.registry.get("ipc.tcp.handler.active").tags("name", "echo").longTaskTimer().activeTasks())
			.isEqualTo(1);
		running.end(null);
		timers.start().end(new IllegalStateException("boom"));
		timers.start().end(new IllegalStateException("again"));
		assertThat(this.registry.get("ipc.tcp.handler.active").longTaskTimer().activeTasks()).isZero();
		assertThat(this.registry.get("ipc.tcp.handler")
			.tags("name", "echo", "outcome", "success", "exception", "none", "error", "none", "team", "core")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("ipc.tcp.handler")
			.tags("outcome", "error", "exception", "IllegalStateException", "error", "IllegalStateException")
			.timer()
			.count()).isEqualTo(2);
	}

	@Test
	void withoutTheLongTaskTimerOnlyTheTimerShouldExist() {
		TcpHandlerTimers timers = new TcpHandlerTimers("echo", this.registry, TcpHandlerObservations.DEFAULT_CONVENTION,
				List.of(), false);
		timers.start().end(null);
		assertThat(this.registry.find("ipc.tcp.handler.active").longTaskTimers()).isEmpty();
		assertThat(this.registry.get("ipc.tcp.handler").timer().count()).isEqualTo(1);
	}

	@Test
	void moreExceptionTypesThanKeptShouldStillBeRecorded() {
		TcpHandlerTimers timers = new TcpHandlerTimers("echo", this.registry, TcpHandlerObservations.DEFAULT_CONVENTION,
				List.of(), false, 1);
		timers.start().end(new IllegalStateException("kept"));
		timers.start().end(new IllegalArgumentException("past the limit"));
		timers.start().end(new IllegalArgumentException("past the limit again"));
		assertThat(timers.keptErrorTypes()).isEqualTo(1);
		assertThat(this.registry.get("ipc.tcp.handler").tag("exception", "IllegalStateException").timer().count())
			.isEqualTo(1);
		assertThat(this.registry.get("ipc.tcp.handler").tag("exception", "IllegalArgumentException").timer().count())
			.isEqualTo(2);
	}

}
