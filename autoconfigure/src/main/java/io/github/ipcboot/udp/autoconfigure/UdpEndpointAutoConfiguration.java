package io.github.ipcboot.udp.autoconfigure;

import io.github.ipcboot.udp.UdpClients;
import io.github.ipcboot.udp.UdpEndpoints;
import io.github.ipcboot.udp.actuate.UdpActuatorEndpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code udp} Actuator endpoint, created only when it is available:
 * exposed (e.g. {@code management.endpoints.web.exposure.include=udp}) and not switched off with
 * {@code management.endpoint.udp.access=none}.
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
@AutoConfiguration(after = UdpAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(UdpActuatorEndpoint.class)
public final class UdpEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	UdpActuatorEndpoint udpActuatorEndpoint(UdpEndpoints endpoints, UdpClients clients) {
		return new UdpActuatorEndpoint(endpoints, clients);
	}

}
