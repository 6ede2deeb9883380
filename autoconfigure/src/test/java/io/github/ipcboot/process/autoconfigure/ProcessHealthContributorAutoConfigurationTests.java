package io.github.ipcboot.process.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.ipcboot.process.ProcessService;
import io.github.ipcboot.process.actuate.ProcessesHealthIndicator;
import io.github.ipcboot.process.testing.FakeProcessService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProcessHealthContributorAutoConfiguration}.
 */
class ProcessHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(HealthContributorAutoConfiguration.class, ProcessAutoConfiguration.class,
					ProcessHealthContributorAutoConfiguration.class));

	@Test
	void healthIndicatorShouldBeNamedProcessesAndReportCapacity() {
		this.contextRunner.withPropertyValues("ipc.process.max-concurrent=4", "ipc.process.queue.capacity=7")
			.run((context) -> {
				assertThat(context).hasSingleBean(ProcessesHealthIndicator.class).hasBean("processesHealthIndicator");
				HealthIndicator indicator = context.getBean(ProcessesHealthIndicator.class);
				assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
				assertThat(indicator.health().getDetails()).containsEntry("maxConcurrent", 4)
					.containsEntry("queueCapacity", 7);
			});
	}

	@Test
	void healthIndicatorShouldBeAbsentWhenDisabled() {
		this.contextRunner.withPropertyValues("management.health.processes.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ProcessesHealthIndicator.class));
	}

	@Test
	void healthIndicatorShouldBeAbsentWithoutActuatorHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ProcessesHealthIndicator.class));
	}

	@Test
	void healthIndicatorShouldBeAbsentWhenProcessServiceIsReplaced() {
		this.contextRunner.withBean(ProcessService.class, FakeProcessService::new)
			.run((context) -> assertThat(context).doesNotHaveBean(ProcessesHealthIndicator.class));
	}

	@Test
	void userHealthIndicatorShouldReplaceIt() {
		this.contextRunner.withBean("processesHealthIndicator", HealthIndicator.class, () -> () -> null)
			.run((context) -> assertThat(context).doesNotHaveBean(ProcessesHealthIndicator.class));
	}

}
