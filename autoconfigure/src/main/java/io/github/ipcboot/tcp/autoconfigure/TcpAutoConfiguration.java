package io.github.ipcboot.tcp.autoconfigure;

import io.github.ipcboot.tcp.TcpClient;
import io.github.ipcboot.tcp.TcpClients;
import io.github.ipcboot.tcp.TcpListenerAnnotationBeanPostProcessor;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.TcpServers;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.MessageConverter;

/**
 * Auto-configuration of the TCP servers configured under {@code ipc.tcp.servers.<name>} with their
 * {@link io.github.ipcboot.tcp.TcpListener} methods, and of the TCP clients configured under
 * {@code ipc.tcp.clients.<name>}.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
@AutoConfiguration(after = SslAutoConfiguration.class,
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass(AbstractServerConnectionFactory.class)
@EnableConfigurationProperties(TcpProperties.class)
@Import(TcpBeansRegistrar.class)
public final class TcpAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static TcpListenerAnnotationBeanPostProcessor tcpListenerAnnotationBeanPostProcessor() {
		return new TcpListenerAnnotationBeanPostProcessor();
	}

	@Bean(name = TcpBeansRegistrar.BUILDER_BEAN_NAME)
	TcpEndpointBuilder ipcTcpEndpointBuilder(TcpProperties properties, Environment environment,
			ObjectProvider<SslBundles> sslBundles) {
		return new TcpEndpointBuilder(properties, environment, sslBundles);
	}

	@Bean
	static LazyInitializationExcludeFilter tcpListenerLazyInitializationExcludeFilter() {
		// beans with @TcpListener methods must exist at start-up, also with lazy initialization
		return (beanName, definition, type) -> TcpListenerAnnotationBeanPostProcessor.hasListenerMethods(type);
	}

	/**
	 * JSON payloads of listener methods through Jackson, with the application's {@link JsonMapper}
	 * when it has one, less indentation (a frame holds one document on one line).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "tools.jackson.databind.json.JsonMapper")
	static class JacksonListenerMessageConverterConfiguration {

		@Bean(name = TcpListenerAnnotationBeanPostProcessor.MESSAGE_CONVERTER_BEAN_NAME)
		@ConditionalOnMissingBean(name = TcpListenerAnnotationBeanPostProcessor.MESSAGE_CONVERTER_BEAN_NAME)
		MessageConverter ipcListenerMessageConverter(ObjectProvider<JsonMapper> jsonMapper) {
			JsonMapper mapper = jsonMapper.getIfAvailable();
			// one document per frame: never indented, whatever the application's mapper does for HTTP
			return new JacksonJsonMessageConverter((mapper != null)
					? mapper.rebuild().disable(SerializationFeature.INDENT_OUTPUT).build()
					: JsonMapper.builder().disable(SerializationFeature.INDENT_OUTPUT).build());
		}

	}

	@Bean
	@ConditionalOnMissingBean
	TcpServers tcpServers(ObjectProvider<TcpServer> servers) {
		return new TcpServers(servers.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	TcpClients tcpClients(ObjectProvider<TcpClient> clients) {
		return new TcpClients(clients.orderedStream().toList());
	}

}
