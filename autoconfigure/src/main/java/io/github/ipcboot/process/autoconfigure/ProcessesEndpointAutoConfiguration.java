package io.github.ipcboot.process.autoconfigure;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.ipcboot.process.ProcessRegistry;
import io.github.ipcboot.process.actuate.ProcessesEndpoint;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of
 * the {@code processes} Actuator endpoint ({@link ProcessesEndpoint}), available when it is
 * accessible and exposed by Actuator's rules.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ProcessAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(ProcessesEndpoint.class)
public final class ProcessesEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ProcessRegistry.class)
	ProcessesEndpoint processesEndpoint(ProcessRegistry processRegistry) {
		return new ProcessesEndpoint(processRegistry);
	}

}
