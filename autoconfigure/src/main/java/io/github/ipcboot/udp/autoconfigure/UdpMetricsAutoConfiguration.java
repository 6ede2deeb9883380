package io.github.ipcboot.udp.autoconfigure;

import io.github.ipcboot.autoconfigure.ConditionalOnIpcMetricsEnabled;
import io.github.ipcboot.udp.UdpClients;
import io.github.ipcboot.udp.UdpEndpoints;
import io.github.ipcboot.udp.actuate.UdpMetricsBinder;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the Micrometer meters of the UDP endpoints and clients: active when there
 * is a {@link MeterRegistry} bean, unless {@code ipc.metrics.enabled} is {@code false}.
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
@AutoConfiguration(after = UdpAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnIpcMetricsEnabled
public final class UdpMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	UdpMetricsBinder udpMetricsBinder(MeterRegistry meterRegistry, UdpEndpoints endpoints, UdpClients clients) {
		return new UdpMetricsBinder(meterRegistry, endpoints, clients);
	}

	@Bean
	static LazyInitializationExcludeFilter udpMetricsBinderLazyInitializationExcludeFilter() {
		// the binder registers the meters once all singletons exist
		return LazyInitializationExcludeFilter.forBeanTypes(UdpMetricsBinder.class);
	}

}
