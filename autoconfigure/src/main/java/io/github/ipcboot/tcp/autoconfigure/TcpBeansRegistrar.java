package io.github.ipcboot.tcp.autoconfigure;

import java.util.Map;
import java.util.Set;

import io.github.ipcboot.tcp.TcpClient;
import io.github.ipcboot.tcp.TcpServer;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.integration.ip.tcp.connection.AbstractClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Registers two beans for every configured server {@code <name>}: the {@link TcpServer}
 * {@code <name>TcpServer} and its Spring Integration connection factory
 * {@code <name>TcpServerConnectionFactory}; and two for every configured client: the
 * {@link TcpClient} {@code <name>TcpClient} and {@code <name>TcpClientConnectionFactory}. Nothing is
 * registered for servers and clients that are not configured.
 */
class TcpBeansRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	static final String BUILDER_BEAN_NAME = "ipcTcpEndpointBuilder";

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		for (String name : configuredNames("ipc.tcp.servers")) {
			register(registry, name + "TcpServer", TcpServer.class, "buildServer", name,
					name + "TcpServerConnectionFactory", AbstractServerConnectionFactory.class);
		}
		for (String name : configuredNames("ipc.tcp.clients")) {
			register(registry, name + "TcpClient", TcpClient.class, "buildClient", name,
					name + "TcpClientConnectionFactory", AbstractClientConnectionFactory.class);
		}
	}

	private Set<String> configuredNames(String prefix) {
		return Binder.get(this.environment)
			.bind(prefix, Bindable.mapOf(String.class, Object.class))
			.orElse(Map.of())
			.keySet();
	}

	private void register(BeanDefinitionRegistry registry, String beanName, Class<?> type, String builderMethod,
			String name, String factoryBeanName, Class<?> factoryType) {
		RootBeanDefinition endpoint = new RootBeanDefinition(type);
		endpoint.setFactoryBeanName(BUILDER_BEAN_NAME);
		endpoint.setFactoryMethodName(builderMethod);
		endpoint.getConstructorArgumentValues().addGenericArgumentValue(name);
		registry.registerBeanDefinition(beanName, endpoint);
		RootBeanDefinition factory = new RootBeanDefinition(factoryType);
		factory.setFactoryBeanName(beanName);
		factory.setFactoryMethodName("getConnectionFactory");
		registry.registerBeanDefinition(factoryBeanName, factory);
	}

}
