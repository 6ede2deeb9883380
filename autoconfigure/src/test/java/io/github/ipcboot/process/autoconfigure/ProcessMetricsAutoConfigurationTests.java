package io.github.ipcboot.process.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.ipcboot.process.ProcessListener;
import io.github.ipcboot.process.ProcessService;
import io.github.ipcboot.process.ProcessSpec;
import io.github.ipcboot.process.ProcessTimeoutException;
import io.github.ipcboot.process.actuate.DefaultProcessObservationConvention;
import io.github.ipcboot.process.actuate.ProcessCapacityMeterBinder;
import io.github.ipcboot.process.actuate.ProcessMetricsListener;
import io.github.ipcboot.process.actuate.ProcessObservationContext;
import io.github.ipcboot.process.actuate.ProcessObservationConvention;
import io.github.ipcboot.process.actuate.ProcessRunsMeterFilter;
import io.github.ipcboot.process.testing.FakeProcessService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ProcessMetricsAutoConfiguration}.
 */
@Timeout(30)
@ExtendWith(OutputCaptureExtension.class)
class ProcessMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				ObservationAutoConfiguration.class, ProcessAutoConfiguration.class,
				ProcessMetricsAutoConfiguration.class))
		.withPropertyValues("ipc.process.commands.greet.command[0]=/bin/echo",
				"ipc.process.commands.greet.command[1]=hello", "ipc.process.max-concurrent=3");

	@Test
	void metersShouldBeRegisteredForEveryConfiguredCommandBeforeAnyRun() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ProcessMetricsListener.class)
				.hasSingleBean(ProcessCapacityMeterBinder.class)
				.hasSingleBean(ProcessRunsMeterFilter.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(ProcessMetricsListener.ACTIVE).tag("command", "greet").gauge().value()).isZero();
			assertThat(registry.get(ProcessMetricsListener.QUEUED).tag("command", "adhoc").gauge().value()).isZero();
			assertThat(registry.get(ProcessMetricsListener.REJECTED).tag("command", "greet").counter().count()).isZero();
			assertThat(registry.get(ProcessMetricsListener.KILLED).tags("command", "greet", "signal", "KILL").counter().count())
				.isZero();
			assertThat(registry.get(ProcessCapacityMeterBinder.CAPACITY).gauge().value()).isEqualTo(3);
		});
	}

	@Test
	void runShouldBeObservedThroughTheApplicationObservationRegistry() {
		this.contextRunner.withPropertyValues("management.metrics.tags.application=demo").run((context) -> {
			context.getBean(ProcessService.class).run("greet");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Timer runs = registry.get(DefaultProcessObservationConvention.NAME)
				.tags("command", "greet", "outcome", "success", "application", "demo")
				.timer();
			assertThat(runs.count()).isEqualTo(1);
			assertThat(runs.getId().getDescription()).startsWith("Process runs");
			assertThat(registry.get("ipc.process.runs.active").longTaskTimer().getId().getDescription())
				.isEqualTo("Process runs in progress, by command");
		});
	}

	@Test
	void runWithoutObservationRegistryShouldStillBeTimed() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ProcessAutoConfiguration.class,
					ProcessMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ObservationRegistry.class);
				context.getBean(ProcessService.class).run(ProcessSpec.of("/bin/true"));
				assertThat(context.getBean(MeterRegistry.class)
					.get(DefaultProcessObservationConvention.NAME)
					.tags("command", "adhoc", "outcome", "success")
					.timer()
					.count()).isEqualTo(1);
			});
	}

	@Test
	void runWhenObservationIsDisabledShouldOnlyBeCounted(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("management.observations.enable.ipc.process.runs=false",
					"ipc.process.commands.slow.command[0]=sleep", "ipc.process.commands.slow.command[1]=10",
					"ipc.process.commands.slow.timeout=1")
			.run((context) -> {
				ProcessService service = context.getBean(ProcessService.class);
				assertThat(service.run("greet").isSuccess()).isTrue();
				assertThatExceptionOfType(ProcessTimeoutException.class).isThrownBy(() -> service.run("slow"));
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find(DefaultProcessObservationConvention.NAME).meters()).isEmpty();
				assertThat(registry.get(ProcessMetricsListener.KILLED).tags("command", "slow", "signal", "TERM").counter().count())
					.isEqualTo(1);
				assertThat(output).doesNotContain("Process listener");
			});
	}

	@Test
	void userConventionShouldNameTheObservation() {
		this.contextRunner.withBean(ProcessObservationConvention.class, RenamedConvention::new).run((context) -> {
			context.getBean(ProcessService.class).run("greet");
			assertThat(context.getBean(MeterRegistry.class).get("custom.runs").tag("command", "greet").timer().count())
				.isEqualTo(1);
		});
	}

	@Test
	void metersShouldBeAbsentWhenIpcMetricsAreDisabled() {
		this.contextRunner.withPropertyValues("ipc.metrics.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ProcessMetricsListener.class)
				.doesNotHaveBean(ProcessCapacityMeterBinder.class);
			context.getBean(ProcessService.class).run("greet");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find(DefaultProcessObservationConvention.NAME).meters()).isEmpty();
			assertThat(registry.find(ProcessMetricsListener.ACTIVE).meters()).isEmpty();
		});
	}

	@Test
	void metersShouldBeAbsentWithoutMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ProcessAutoConfiguration.class,
					ProcessMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ProcessMetricsListener.class)
				.doesNotHaveBean(ProcessListener.class));
	}

	@Test
	void metersShouldBeAbsentWithoutMicrometer() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ProcessAutoConfiguration.class,
					ProcessMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ProcessMetricsListener.class));
	}

	@Test
	void metersShouldBeAbsentWhenProcessServiceIsReplaced() {
		this.contextRunner.withBean(ProcessService.class, FakeProcessService::new)
			.run((context) -> assertThat(context).doesNotHaveBean(ProcessMetricsListener.class)
				.doesNotHaveBean(ProcessCapacityMeterBinder.class));
	}

	static class RenamedConvention extends DefaultProcessObservationConvention {

		@Override
		public String getName() {
			return "custom.runs";
		}

		@Override
		public String getContextualName(ProcessObservationContext context) {
			return "custom";
		}

	}

}
