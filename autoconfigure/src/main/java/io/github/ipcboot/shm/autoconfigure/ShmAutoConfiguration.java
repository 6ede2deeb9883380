package io.github.ipcboot.shm.autoconfigure;

import io.github.ipcboot.shm.ShmChannels;
import io.github.ipcboot.shm.ShmClients;
import io.github.ipcboot.shm.ShmListenerAnnotationBeanPostProcessor;

import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the shared-memory channels configured under
 * {@code ipc.shm.channels.<name>}: the server channels with their
 * {@link io.github.ipcboot.shm.ShmListener} methods, and the client channels in the
 * {@link ShmClients} bean (each also a bean {@code <name>ShmClient}). Active when Agrona (which the starter does not bring) is on the class
 * path.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.agrona.concurrent.ringbuffer.OneToOneRingBuffer")
@EnableConfigurationProperties(ShmProperties.class)
@Import(ShmClientBeansRegistrar.class)
public final class ShmAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static ShmListenerAnnotationBeanPostProcessor shmListenerAnnotationBeanPostProcessor() {
		return new ShmListenerAnnotationBeanPostProcessor();
	}

	@Bean
	static LazyInitializationExcludeFilter shmListenerLazyInitializationExcludeFilter() {
		// beans with @ShmListener methods must exist at start-up, also with lazy initialization
		return (beanName, definition, type) -> ShmListenerAnnotationBeanPostProcessor.hasListenerMethods(type);
	}

	@Bean
	@ConditionalOnMissingBean
	ShmChannels shmChannels(ShmProperties properties) {
		return new ShmChannels(properties.getChannels()
			.entrySet()
			.stream()
			.map((entry) -> ShmSettingsFactory.channel(entry.getKey(), entry.getValue()))
			.toList());
	}

	@Bean(name = ShmClientBeansRegistrar.CLIENTS_BEAN_NAME)
	@ConditionalOnMissingBean
	ShmClients shmClients(ShmChannels channels) {
		return new ShmClients(channels);
	}

}
