package io.github.ipcboot.tcp.autoconfigure;

import io.github.ipcboot.tcp.TcpClient;
import io.github.ipcboot.tcp.TcpClients;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.actuate.TcpClientsHealthIndicator;
import io.github.ipcboot.tcp.actuate.TcpServersHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the health contributors {@code tcpServers} (when a server is configured;
 * {@code management.health.tcpservers.enabled}) and {@code tcpClients} (when a client is
 * configured; {@code management.health.tcpclients.enabled}).
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
@AutoConfiguration(after = TcpAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
public final class TcpHealthContributorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(TcpServer.class)
	@ConditionalOnEnabledHealthIndicator("tcpservers")
	static class TcpServersHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "tcpServersHealthIndicator")
		TcpServersHealthIndicator tcpServersHealthIndicator(TcpServers servers) {
			return new TcpServersHealthIndicator(servers);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(TcpClient.class)
	@ConditionalOnEnabledHealthIndicator("tcpclients")
	@EnableConfigurationProperties(TcpClientsHealthIndicatorProperties.class)
	static class TcpClientsHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "tcpClientsHealthIndicator")
		TcpClientsHealthIndicator tcpClientsHealthIndicator(TcpClients clients,
				TcpClientsHealthIndicatorProperties properties) {
			return new TcpClientsHealthIndicator(clients, properties.isFailWhenUnreachable());
		}

	}

}
