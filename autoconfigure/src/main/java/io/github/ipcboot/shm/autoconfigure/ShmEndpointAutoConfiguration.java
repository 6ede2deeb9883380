package io.github.ipcboot.shm.autoconfigure;

import io.github.ipcboot.shm.ShmChannels;
import io.github.ipcboot.shm.actuate.ShmActuatorEndpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code shm} Actuator endpoint, created only when it is available:
 * exposed (e.g. {@code management.endpoints.web.exposure.include=shm}) and not switched off with
 * {@code management.endpoint.shm.access=none}.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
@AutoConfiguration(after = ShmAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(ShmChannels.class)
@ConditionalOnAvailableEndpoint(ShmActuatorEndpoint.class)
public final class ShmEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ShmActuatorEndpoint shmActuatorEndpoint(ShmChannels channels) {
		return new ShmActuatorEndpoint(channels);
	}

}
