package io.github.ipcboot.shm.autoconfigure;

import io.github.ipcboot.autoconfigure.ConditionalOnIpcMetricsEnabled;
import io.github.ipcboot.shm.ShmChannels;
import io.github.ipcboot.shm.actuate.ShmMetricsBinder;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the Micrometer meters of the shared-memory channels: active when there is
 * a {@link MeterRegistry} bean and the channels, unless {@code ipc.metrics.enabled} is
 * {@code false}.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
@AutoConfiguration(after = ShmAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, ShmChannels.class })
@ConditionalOnIpcMetricsEnabled
public final class ShmMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ShmMetricsBinder shmMetricsBinder(MeterRegistry meterRegistry, ShmChannels channels) {
		return new ShmMetricsBinder(meterRegistry, channels);
	}

	@Bean
	static LazyInitializationExcludeFilter shmMetricsBinderLazyInitializationExcludeFilter() {
		// the binder registers the meters once all singletons exist
		return LazyInitializationExcludeFilter.forBeanTypes(ShmMetricsBinder.class);
	}

}
