package io.github.ipcboot.tcp.autoconfigure;

import io.github.ipcboot.tcp.TcpClients;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.actuate.TcpEndpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code tcp} Actuator endpoint, created only when it is available:
 * exposed (e.g. {@code management.endpoints.web.exposure.include=tcp}) and not switched off with
 * {@code management.endpoint.tcp.access=none}.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
@AutoConfiguration(after = TcpAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(TcpEndpoint.class)
public final class TcpEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TcpEndpoint tcpEndpoint(TcpServers servers, TcpClients clients) {
		return new TcpEndpoint(servers, clients);
	}

}
