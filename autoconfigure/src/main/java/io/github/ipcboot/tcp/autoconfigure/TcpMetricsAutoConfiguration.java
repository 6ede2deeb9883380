package io.github.ipcboot.tcp.autoconfigure;

import io.github.ipcboot.autoconfigure.ConditionalOnIpcMetricsEnabled;
import io.github.ipcboot.tcp.TcpClient;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.actuate.TcpHandlerMeterFilter;
import io.github.ipcboot.tcp.actuate.TcpHandlerObservationConvention;
import io.github.ipcboot.tcp.actuate.TcpMetricsBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the Micrometer meters of the TCP servers and clients, and of the
 * {@code ipc.tcp.handler} observation of their listener methods: active when there is a
 * {@link MeterRegistry} bean, unless {@code ipc.metrics.enabled} is {@code false}. The
 * observations go to the {@link ObservationRegistry} bean; without one, to a registry of their own
 * that records them as meters only.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
@AutoConfiguration(after = TcpAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnIpcMetricsEnabled
public final class TcpMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TcpMetricsBinder tcpMetricsBinder(MeterRegistry meterRegistry,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<MeterObservationHandler<?>> meterObservationHandlers,
			ObjectProvider<ObservationFilter> observationFilters,
			ObjectProvider<TcpHandlerObservationConvention> observationConvention, ObjectProvider<TcpServer> servers,
			ObjectProvider<TcpClient> clients) {
		ObservationRegistry registry = observationRegistry.getIfAvailable();
		boolean handlerMeters = registry == null || meterObservationHandlers.stream().findAny().isPresent();
		if (registry == null) {
			registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
		}
		TcpMetricsBinder binder = new TcpMetricsBinder(meterRegistry, registry, servers, clients);
		binder.setObservationConvention(observationConvention.getIfAvailable());
		binder.setRegisterHandlerMeters(handlerMeters);
		binder.setObservationFilters(observationFilters.orderedStream().toList());
		return binder;
	}

	@Bean
	@ConditionalOnMissingBean
	static TcpHandlerMeterFilter tcpHandlerMeterFilter() {
		return new TcpHandlerMeterFilter();
	}

	@Bean
	static LazyInitializationExcludeFilter tcpMetricsBinderLazyInitializationExcludeFilter() {
		// the binder registers the meters and sets the observers once all singletons exist
		return LazyInitializationExcludeFilter.forBeanTypes(TcpMetricsBinder.class);
	}

}
