package io.github.ipcboot.shutdown.actuate;

import io.github.ipcboot.autoconfigure.ConditionalOnIpcMetricsEnabled;
import io.github.ipcboot.shutdown.GracefulShutdownCoordinator;
import io.github.ipcboot.shutdown.autoconfigure.ShutdownAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link ShutdownMetrics} when a {@link MeterRegistry} bean exists and
 * {@code ipc.metrics.enabled} is not false.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
@AutoConfiguration(after = ShutdownAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, GracefulShutdownCoordinator.class })
@ConditionalOnIpcMetricsEnabled
public final class ShutdownMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ShutdownMetrics ipcShutdownMetrics(MeterRegistry registry) {
		return new ShutdownMetrics(registry);
	}

}
