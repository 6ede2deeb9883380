package io.github.ipcboot.shm.autoconfigure;

import java.util.Map;

import io.github.ipcboot.autoconfigure.ClientBeanDefinitions;
import io.github.ipcboot.shm.ShmClient;
import io.github.ipcboot.shm.ShmRole;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers a bean {@code <name>ShmClient} for every channel configured under
 * {@code ipc.shm.channels.<name>} with {@code role: client}: the {@link ShmClient} of the
 * {@code shmClients} bean, so that it can be injected by name.
 */
class ShmClientBeansRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	static final String CLIENTS_BEAN_NAME = "shmClients";

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Map<String, ShmChannelProperties> channels = Binder.get(this.environment)
			.bind("ipc.shm.channels", Bindable.mapOf(String.class, ShmChannelProperties.class))
			.orElse(Map.of());
		channels.forEach((name, channel) -> {
			if (channel.getRole() == ShmRole.CLIENT) {
				ClientBeanDefinitions.register(registry, ShmClient.class, CLIENTS_BEAN_NAME, name, "ShmClient");
			}
		});
	}

}
