package io.github.ipcboot.udp.autoconfigure;

import io.github.ipcboot.udp.UdpClient;
import io.github.ipcboot.udp.UdpClients;
import io.github.ipcboot.udp.UdpEndpoint;
import io.github.ipcboot.udp.UdpEndpoints;
import io.github.ipcboot.udp.UdpListenerAnnotationBeanPostProcessor;

import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the UDP endpoints configured under {@code ipc.udp.endpoints.<name>} with
 * their {@link io.github.ipcboot.udp.UdpListener} methods, and of the UDP clients configured under
 * {@code ipc.udp.clients.<name>} (each also a bean {@code <name>UdpClient}).
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
@AutoConfiguration
@EnableConfigurationProperties(UdpProperties.class)
@Import(UdpClientBeansRegistrar.class)
public final class UdpAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static UdpListenerAnnotationBeanPostProcessor udpListenerAnnotationBeanPostProcessor() {
		return new UdpListenerAnnotationBeanPostProcessor();
	}

	@Bean
	static LazyInitializationExcludeFilter udpListenerLazyInitializationExcludeFilter() {
		// beans with @UdpListener methods must exist at start-up, also with lazy initialization
		return (beanName, definition, type) -> UdpListenerAnnotationBeanPostProcessor.hasListenerMethods(type);
	}

	@Bean
	@ConditionalOnMissingBean
	UdpEndpoints udpEndpoints(UdpProperties properties) {
		return new UdpEndpoints(properties.getEndpoints()
			.entrySet()
			.stream()
			.map((entry) -> new UdpEndpoint(UdpSettingsFactory.endpoint(entry.getKey(), entry.getValue())))
			.toList());
	}

	@Bean(name = UdpClientBeansRegistrar.CLIENTS_BEAN_NAME)
	@ConditionalOnMissingBean
	UdpClients udpClients(UdpProperties properties) {
		return new UdpClients(properties.getClients()
			.entrySet()
			.stream()
			.map((entry) -> new UdpClient(UdpSettingsFactory.client(entry.getKey(), entry.getValue())))
			.toList());
	}

}
