package io.github.ipcboot.process.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.ipcboot.process.actuate.ProcessesEndpoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProcessesEndpointAutoConfiguration}.
 */
class ProcessesEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ProcessAutoConfiguration.class, ProcessesEndpointAutoConfiguration.class));

	@Test
	void endpointShouldBeAvailableWhenExposedOverHttp() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=processes")
			.run((context) -> assertThat(context).hasSingleBean(ProcessesEndpoint.class));
	}

	@Test
	void endpointShouldBeAvailableWhenExposedOverJmx() {
		this.contextRunner
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=processes")
			.run((context) -> assertThat(context).hasSingleBean(ProcessesEndpoint.class));
	}

	@Test
	void endpointShouldBeAbsentWhenNotExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(ProcessesEndpoint.class));
	}

	@Test
	void endpointShouldBeAbsentWhenAccessIsNone() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=processes",
					"management.endpoint.processes.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(ProcessesEndpoint.class));
	}

	@Test
	void endpointShouldBeAbsentWithoutActuator() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=processes")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ProcessesEndpoint.class));
	}

}
