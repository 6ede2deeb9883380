package io.github.ipcboot.tcp.autoconfigure;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.actuate.DefaultTcpHandlerObservationConvention;
import io.github.ipcboot.tcp.actuate.TcpHandlerObservationContext;
import io.github.ipcboot.tcp.actuate.TcpHandlerObservationConvention;
import io.github.ipcboot.tcp.actuate.TcpMetricsBinder;
import io.github.ipcboot.tcp.autoconfigure.TcpAutoConfigurationTests.AckListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TcpMetricsAutoConfiguration}: when it applies, and the meters with Spring
 * Boot's own metrics and observation auto-configuration.
 */
@ExtendWith(OutputCaptureExtension.class)
class TcpMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class, TcpMetricsAutoConfiguration.class))
		.withUserConfiguration(AckListener.class)
		.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1");

	@Test
	void withoutAMeterRegistryShouldRegisterNothing() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TcpMetricsBinder.class));
	}

	@Test
	void withoutMicrometerShouldRegisterNothing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TcpMetricsBinder.class));
	}

	@Test
	void withAMeterRegistryShouldBindTheServers() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasSingleBean(TcpMetricsBinder.class));
	}

	@Test
	void metricsSwitchedOffShouldRegisterNothing() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("ipc.metrics.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(TcpMetricsBinder.class);
				assertThat(context.getBean(MeterRegistry.class).find("ipc.tcp.frames.received").meters()).isEmpty();
			});
	}

	@Test
	void metersShouldBeRegisteredAlsoWithLazyInitialization() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withInitializer((context) -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
			.run((context) -> assertThat(context.getBean(MeterRegistry.class).find("ipc.tcp.frames.received").meters())
				.hasSize(1));
	}

	@Test
	void withSpringBootMetricsCommonTagsAndObservationKeyValuesShouldApply() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
			.withPropertyValues("management.metrics.tags.region=eu", "management.observations.key-values.team=core")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				Timer handler = registry.get("ipc.tcp.handler").tag("outcome", "success").timer();
				assertThat(handler.getId().getTag("region")).isEqualTo("eu");
				assertThat(handler.getId().getTag("team")).isEqualTo("core");
				assertThat(handler.count()).isZero();
				try (LineClient client = new LineClient(context.getBean(TcpServers.class).port("echo"))) {
					assertThat(client.request("hi")).isEqualTo("ACK hi");
				}
				assertThat(registry.get("ipc.tcp.frames.received")
					.tags("name", "echo", "side", "server", "region", "eu")
					.counter()
					.count()).isEqualTo(1);
				// the call was recorded by Spring Boot's meter observation handler in the series
				// registered at start-up
				assertThat(registry.find("ipc.tcp.handler").timers()).singleElement().isSameAs(handler);
				assertThat(handler.count()).isEqualTo(1);
				assertThat(handler.getId().getDescription()).isNotBlank();
				assertThat(registry.get("ipc.tcp.handler.active").longTaskTimer().getId().getTag("region"))
					.isEqualTo("eu");
			});
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void listenerCallsShouldBeObservationsOnlyWhenAskedForAndMetersEitherWay(boolean observationEnabled) {
		List<Observation.Context> observed = new CopyOnWriteArrayList<>();
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
			.withBean(ObservationHandler.class, () -> new RecordingHandler(observed))
			.withPropertyValues("ipc.tcp.observation-enabled=" + observationEnabled)
			.run((context) -> {
				try (LineClient client = new LineClient(context.getBean(TcpServers.class).port("echo"))) {
					assertThat(client.request("hi")).isEqualTo("ACK hi");
					assertThat(client.request("ho")).isEqualTo("ACK ho");
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("ipc.tcp.handler").timers()).singleElement()
					.satisfies((timer) -> assertThat(timer.count()).isEqualTo(2));
				assertThat(registry.get("ipc.tcp.handler.active").longTaskTimer().activeTasks()).isZero();
				assertThat(observed).filteredOn(TcpHandlerObservationContext.class::isInstance)
					.hasSize(observationEnabled ? 2 : 0);
			});
	}

	@Test
	void ignoredLongTaskTimersShouldNotBeRecordedForDirectlyTimedCalls() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("management.metrics.observations.ignored-meters=long-task-timer")
			.run((context) -> {
				try (LineClient client = new LineClient(context.getBean(TcpServers.class).port("echo"))) {
					assertThat(client.request("hi")).isEqualTo("ACK hi");
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("ipc.tcp.handler").timer().count()).isEqualTo(1);
				assertThat(registry.find("ipc.tcp.handler.active").longTaskTimers()).isEmpty();
			});
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void observedCallsShouldNotRegisterTheLongTaskTimerWhenItIsIgnored(boolean bootObservations) {
		ApplicationContextRunner runner = bootObservations ? this.contextRunner.withConfiguration(
				AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
						SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
				: this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new);
		runner
			.withPropertyValues("ipc.tcp.observation-enabled=true",
					"management.metrics.observations.ignored-meters=long-task-timer")
			.run((context) -> {
				assertThat(context.getBeanProvider(ObservationRegistry.class).getIfAvailable() != null)
					.isEqualTo(bootObservations);
				requestTwice(context);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("ipc.tcp.handler").timer().count()).isEqualTo(2);
				assertThat(registry.find("ipc.tcp.handler.active").longTaskTimers()).isEmpty();
			});
	}

	@Test
	void timedCallsWithAnObservationRegistryWithoutHandlersShouldRegisterNoHandlerMeterAndSaySo(
			CapturedOutput output) {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.run((context) -> {
				requestTwice(context);
				assertNoHandlerMeters(context.getBean(MeterRegistry.class));
				assertThat(output).containsOnlyOnce("TCP server 'echo' does not time its @TcpListener calls");
			});
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void handlerObservationTurnedOffShouldRegisterNoHandlerMeter(boolean observationEnabled, CapturedOutput output) {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
			.withPropertyValues("ipc.tcp.observation-enabled=" + observationEnabled,
					"management.observations.enable.ipc.tcp.handler=false")
			.run((context) -> {
				requestTwice(context);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertNoHandlerMeters(registry);
				assertThat(registry.get("ipc.tcp.frames.received").counter().count()).isEqualTo(2);
				assertThat(output).containsOnlyOnce("TCP server 'echo' does not time its @TcpListener calls");
			});
	}

	private static void requestTwice(AssertableApplicationContext context) throws IOException {
		assertThat(context).hasNotFailed();
		try (LineClient client = new LineClient(context.getBean(TcpServers.class).port("echo"))) {
			assertThat(client.request("hi")).isEqualTo("ACK hi");
			assertThat(client.request("ho")).isEqualTo("ACK ho");
		}
	}

	private static void assertNoHandlerMeters(MeterRegistry registry) {
		assertThat(registry.find("ipc.tcp.handler").meters()).isEmpty();
		assertThat(registry.find("ipc.tcp.handler.active").meters()).isEmpty();
	}

	static class RecordingHandler implements ObservationHandler<Observation.Context> {

		private final List<Observation.Context> observed;

		RecordingHandler(List<Observation.Context> observed) {
			this.observed = observed;
		}

		@Override
		public void onStop(Observation.Context context) {
			this.observed.add(context);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

	@Test
	void userObservationConventionShouldNameTheHandlerMeters() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(TcpHandlerObservationConvention.class, RenamedConvention::new)
			.run((context) -> {
				try (LineClient client = new LineClient(context.getBean(TcpServers.class).port("echo"))) {
					assertThat(client.request("hi")).isEqualTo("ACK hi");
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("custom.handler").tags("name", "echo", "outcome", "success").timer().count())
					.isEqualTo(1);
				assertThat(registry.find(DefaultTcpHandlerObservationConvention.NAME).timers()).isEmpty();
			});
	}

	static class RenamedConvention extends DefaultTcpHandlerObservationConvention {

		@Override
		public String getName() {
			return "custom.handler";
		}

	}

}
