package io.github.ipcboot.tcp.testing;

import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.autoconfigure.TcpAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of {@link TcpTestClients}, imported by {@link AutoConfigureTcpTestClient} only
 * (it is not in the application's auto-configurations).
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
@AutoConfiguration(after = TcpAutoConfiguration.class)
@ConditionalOnBean(TcpServers.class)
public final class TcpTestClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TcpTestClients tcpTestClients(TcpServers servers) {
		return new TcpTestClients(servers);
	}

}
