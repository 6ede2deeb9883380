package io.github.ipcboot.tcp.autoconfigure;

import io.github.ipcboot.autoconfigure.ConditionalOnIpcMetricsEnabled;
import io.github.ipcboot.tcp.TcpClient;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.actuate.TcpHandlerMeterFilter;
import io.github.ipcboot.tcp.actuate.TcpHandlerMeterObservationHandler;
import io.github.ipcboot.tcp.actuate.TcpHandlerObservationConvention;
import io.github.ipcboot.tcp.actuate.TcpMetricsBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler.IgnoredMeters;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the Micrometer meters of the TCP servers and clients, and of the
 * {@code ipc.tcp.handler} observation of their listener methods: active when there is a
 * {@link MeterRegistry} bean, unless {@code ipc.metrics.enabled} is {@code false}. The
 * observations go to the {@link ObservationRegistry} bean; without one, to a registry of their own
 * that records them as meters only. Either way a {@link TcpHandlerMeterObservationHandler} records
 * {@code ipc.tcp.handler} as meters (ahead of Spring Boot's meter observation handler, which
 * records every other observation).
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
			ObjectProvider<TcpClient> clients, ObjectProvider<TcpProperties> properties, Environment environment) {
		ObservationRegistry registry = observationRegistry.getIfAvailable();
		// meters come from the observations only if some meter handler besides ours is there too
		// (Boot registers its handlers only with its metrics auto-configuration)
		boolean handlerMeters = registry == null || meterObservationHandlers.stream()
			.anyMatch((handler) -> !(handler instanceof TcpHandlerMeterObservationHandler));
		boolean longTaskTimers = !ignoresLongTaskTimers(environment);
		if (registry == null) {
			registry = ObservationRegistry.create();
			registry.observationConfig()
				.observationHandler(new FirstMatchingCompositeObservationHandler(
						new TcpHandlerMeterObservationHandler(meterRegistry, longTaskTimers),
						new DefaultMeterObservationHandler(meterRegistry)));
		}
		TcpMetricsBinder binder = new TcpMetricsBinder(meterRegistry, registry, servers, clients);
		binder.setObservationConvention(observationConvention.getIfAvailable());
		binder.setRegisterHandlerMeters(handlerMeters);
		binder.setObservationFilters(observationFilters.orderedStream().toList());
		binder.setObservationEnabled(properties.getIfAvailable(TcpProperties::new).isObservationEnabled());
		binder.setLongTaskTimers(longTaskTimers);
		return binder;
	}

	@Bean
	@ConditionalOnMissingBean
	TcpHandlerMeterObservationHandler tcpHandlerMeterObservationHandler(MeterRegistry meterRegistry,
			Environment environment) {
		return new TcpHandlerMeterObservationHandler(meterRegistry, !ignoresLongTaskTimers(environment));
	}

	// management.metrics.observations.ignored-meters, which Boot's meter observation handler follows
	private static boolean ignoresLongTaskTimers(Environment environment) {
		return Binder.get(environment)
			.bind("management.metrics.observations.ignored-meters", Bindable.setOf(IgnoredMeters.class))
			.map((ignored) -> ignored.contains(IgnoredMeters.LONG_TASK_TIMER))
			.orElse(false);
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
