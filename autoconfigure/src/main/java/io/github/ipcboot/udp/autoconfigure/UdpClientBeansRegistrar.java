package io.github.ipcboot.udp.autoconfigure;

import java.util.Map;

import io.github.ipcboot.autoconfigure.ClientBeanDefinitions;
import io.github.ipcboot.udp.UdpClient;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers a bean {@code <name>UdpClient} for every client configured under
 * {@code ipc.udp.clients.<name>}: the {@link UdpClient} of the {@code udpClients} bean, so that it
 * can be injected by name.
 */
class UdpClientBeansRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	static final String CLIENTS_BEAN_NAME = "udpClients";

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Map<String, Object> clients = Binder.get(this.environment)
			.bind("ipc.udp.clients", Bindable.mapOf(String.class, Object.class))
			.orElse(Map.of());
		for (String name : clients.keySet()) {
			ClientBeanDefinitions.register(registry, UdpClient.class, CLIENTS_BEAN_NAME, name, "UdpClient");
		}
	}

}
