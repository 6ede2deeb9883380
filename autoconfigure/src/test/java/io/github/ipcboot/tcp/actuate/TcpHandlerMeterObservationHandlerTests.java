package io.github.ipcboot.tcp.actuate;

import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.actuate.TcpHandlerObservationContext.Outcome;
import io.github.ipcboot.tcp.autoconfigure.TcpAutoConfiguration;
import io.github.ipcboot.tcp.autoconfigure.TcpMetricsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TcpHandlerMeterObservationHandler}: the same meters as Micrometer's default
 * handler, kept instead of looked up, and ahead of Spring Boot's handler for this observation only.
 */
class TcpHandlerMeterObservationHandlerTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final TcpHandlerMeterObservationHandler handler = new TcpHandlerMeterObservationHandler(this.meters,
			true);

	private final ObservationRegistry observations = ObservationRegistry.create();

	TcpHandlerMeterObservationHandlerTests() {
		this.observations.observationConfig()
			.observationHandler(new FirstMatchingCompositeObservationHandler(this.handler,
					new DefaultMeterObservationHandler(this.meters)));
	}

	@Test
	void shouldRecordTheMetersOfTheDefaultHandlerAndKeepTheTimer() {
		observe("echo", null);
		observe("echo", null);
		Timer timer = this.meters.get("ipc.tcp.handler")
			.tags("name", "echo", "outcome", "success", "exception", "none", "error", "none")
			.timer();
		assertThat(timer.count()).isEqualTo(2);
		assertThat(this.handler.cachedTimers()).isEqualTo(1);
		assertThat(this.meters.get("ipc.tcp.handler.active").tags("name", "echo").longTaskTimer().activeTasks())
			.isZero();
	}

	@Test
	void aFailedCallShouldBeTaggedWithTheErrorsSimpleName() {
		observe("echo", new IllegalStateException("boom"));
		assertThat(this.meters.get("ipc.tcp.handler")
			.tags("outcome", "error", "exception", "IllegalStateException", "error", "IllegalStateException")
			.timer()
			.count()).isEqualTo(1);
	}

	@Test
	void aRunningCallShouldBeCountedByTheLongTaskTimer() {
		Observation observation = observation("echo").start();
		assertThat(this.meters.get("ipc.tcp.handler.active").longTaskTimer().activeTasks()).isEqualTo(1);
		observation.stop();
		assertThat(this.meters.get("ipc.tcp.handler.active").longTaskTimer().activeTasks()).isZero();
	}

	@Test
	void withoutLongTaskTimersShouldRecordOnlyTheTimer() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ObservationRegistry observationRegistry = ObservationRegistry.create();
		observationRegistry.observationConfig()
			.observationHandler(new TcpHandlerMeterObservationHandler(registry, false));
		TcpHandlerObservationContext context = new TcpHandlerObservationContext("echo", "c-1", "127.0.0.1:1");
		Observation.createNotStarted(null, new DefaultTcpHandlerObservationConvention(), () -> context,
				observationRegistry)
			.observe(() -> context.setOutcome(Outcome.SUCCESS));
		assertThat(registry.find("ipc.tcp.handler.active").longTaskTimers()).isEmpty();
		assertThat(registry.get("ipc.tcp.handler").timer().count()).isEqualTo(1);
	}

	@Test
	void otherObservationsShouldGoToTheNextHandler() {
		Observation.createNotStarted("other", this.observations).observe(() -> {
		});
		assertThat(this.meters.get("other").timer().count()).isEqualTo(1);
		assertThat(this.handler.cachedTimers()).isZero();
	}

	@Test
	void pastTheCacheSizeCallsShouldStillBeRecorded() {
		for (int i = 0; i <= TcpHandlerMeterObservationHandler.MAX_CACHED; i++) {
			observe("server-" + i, null);
		}
		observe("server-0", null);
		observe("server-" + TcpHandlerMeterObservationHandler.MAX_CACHED, null);
		assertThat(this.handler.cachedTimers()).isEqualTo(TcpHandlerMeterObservationHandler.MAX_CACHED);
		assertThat(this.meters.get("ipc.tcp.handler").tag("name", "server-0").timer().count()).isEqualTo(2);
		assertThat(this.meters.get("ipc.tcp.handler")
			.tag("name", "server-" + TcpHandlerMeterObservationHandler.MAX_CACHED)
			.timer()
			.count()).isEqualTo(2);
	}

	@Test
	void springBootShouldPutItAheadOfItsOwnMeterHandler() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					TcpAutoConfiguration.class, TcpMetricsAutoConfiguration.class))
			.withUserConfiguration(Listener.class)
			.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1",
					"ipc.tcp.observation-enabled=true", "management.metrics.observations.ignored-meters=long-task-timer")
			.run((context) -> {
				try (LineClient client = new LineClient(context.getBean(TcpServers.class).port("echo"))) {
					assertThat(client.request("hi")).isEqualTo("hi");
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("ipc.tcp.handler").tag("outcome", "success").timer().count()).isEqualTo(1);
				assertThat(context.getBean(TcpHandlerMeterObservationHandler.class).cachedTimers()).isEqualTo(1);
				// Boot's own handler still records every other observation
				Observation.createNotStarted("other", context.getBean(ObservationRegistry.class)).observe(() -> {
				});
				assertThat(registry.get("other").timer().count()).isEqualTo(1);
			});
	}

	private void observe(String server, Throwable error) {
		Observation observation = observation(server).start();
		TcpHandlerObservationContext context = (TcpHandlerObservationContext) observation.getContext();
		if (error != null) {
			observation.error(error);
		}
		context.setOutcome((error != null) ? Outcome.ERROR : Outcome.SUCCESS);
		observation.stop();
	}

	private Observation observation(String server) {
		return Observation.createNotStarted(null, new DefaultTcpHandlerObservationConvention(),
				() -> new TcpHandlerObservationContext(server, "c-1", "127.0.0.1:1"), this.observations);
	}

	static class Listener {

		@TcpListener("echo")
		String echo(String line) {
			return line;
		}

	}

}
