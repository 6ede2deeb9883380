package io.github.ipcboot.tcp.actuate;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TcpHandlerMeterFilter}: the meters an observation handler makes of the
 * {@code ipc.tcp.handler} observation get their descriptions; other meters are left alone.
 */
class TcpHandlerMeterFilterTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	TcpHandlerMeterFilterTests() {
		this.registry.config().meterFilter(new TcpHandlerMeterFilter());
	}

	@Test
	void handlerTimerWithoutDescriptionShouldBeDescribedKeepingItsTags() {
		Timer timer = this.registry.timer("ipc.tcp.handler", "name", "orders", "outcome", "success");
		assertThat(timer.getId().getDescription()).isEqualTo(TcpHandlerObservations.TIMER_DESCRIPTION);
		assertThat(timer.getId().getTag("name")).isEqualTo("orders");
		assertThat(timer.getId().getTag("outcome")).isEqualTo("success");
		assertThat(timer.getId().getType()).isEqualTo(io.micrometer.core.instrument.Meter.Type.TIMER);
	}

	@Test
	void activeLongTaskTimerWithoutDescriptionShouldBeDescribed() {
		LongTaskTimer active = LongTaskTimer.builder("ipc.tcp.handler.active").tag("name", "orders").register(this.registry);
		assertThat(active.getId().getDescription()).isEqualTo(TcpHandlerObservations.ACTIVE_DESCRIPTION);
		assertThat(active.getId().getTag("name")).isEqualTo("orders");
	}

	@Test
	void descriptionAlreadyGivenShouldBeKept() {
		Timer timer = Timer.builder("ipc.tcp.handler").description("mine").register(this.registry);
		assertThat(timer.getId().getDescription()).isEqualTo("mine");
	}

	@Test
	void otherMetersShouldBeLeftWithoutDescription() {
		assertThat(this.registry.timer("ipc.tcp.handler.other").getId().getDescription()).isNull();
		assertThat(this.registry.counter("ipc.tcp.frames.received").getId().getDescription()).isNull();
	}

}
