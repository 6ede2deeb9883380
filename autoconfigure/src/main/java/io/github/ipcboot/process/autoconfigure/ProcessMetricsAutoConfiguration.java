package io.github.ipcboot.process.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.ipcboot.autoconfigure.ConditionalOnIpcMetricsEnabled;
import io.github.ipcboot.process.DefaultProcessService;
import io.github.ipcboot.process.ProcessRegistry;
import io.github.ipcboot.process.actuate.ProcessCapacityMeterBinder;
import io.github.ipcboot.process.actuate.ProcessMetricsListener;
import io.github.ipcboot.process.actuate.ProcessObservationConvention;
import io.github.ipcboot.process.actuate.ProcessRunsMeterFilter;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of
 * the meters of the process service: a {@link ProcessMetricsListener} (the
 * {@code ipc.process.runs} observation and the per-command gauges and counters), a
 * {@link ProcessCapacityMeterBinder} and a {@link ProcessRunsMeterFilter} (descriptions of the
 * observation's meters). Active when a {@link MeterRegistry} bean exists, unless
 * {@code ipc.metrics.enabled} is {@code false}. Runs are observed through the application's
 * {@link ObservationRegistry}; without one, through a registry that only records meters.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ProcessAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, DefaultProcessService.class })
@ConditionalOnIpcMetricsEnabled
public final class ProcessMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProcessMetricsListener processMetricsListener(MeterRegistry meterRegistry,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ProcessObservationConvention> convention, ProcessRegistry processRegistry,
			ProcessProperties properties) {
		return new ProcessMetricsListener(meterRegistry,
				observationRegistry.getIfAvailable(() -> meterObservationRegistry(meterRegistry)),
				convention.getIfAvailable(), processRegistry, properties.getCommands().keySet());
	}

	@Bean
	@ConditionalOnMissingBean
	ProcessRunsMeterFilter processRunsMeterFilter() {
		return new ProcessRunsMeterFilter();
	}

	@Bean
	@ConditionalOnMissingBean
	ProcessCapacityMeterBinder processCapacityMeterBinder(DefaultProcessService processService) {
		return new ProcessCapacityMeterBinder(processService);
	}

	private static ObservationRegistry meterObservationRegistry(MeterRegistry meterRegistry) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
		return registry;
	}

}
