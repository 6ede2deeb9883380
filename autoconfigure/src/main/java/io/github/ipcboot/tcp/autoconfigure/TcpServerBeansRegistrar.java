package io.github.ipcboot.tcp.autoconfigure;

import java.util.Map;

import io.github.ipcboot.tcp.TcpServer;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Registers two beans for every configured server {@code <name>}: the {@link TcpServer}
 * {@code <name>TcpServer} and its Spring Integration connection factory
 * {@code <name>TcpServerConnectionFactory}. No bean is registered for a server that is not
 * configured.
 */
class TcpServerBeansRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	static final String BUILDER_BEAN_NAME = "ipcTcpServerBuilder";

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Map<String, Object> servers = Binder.get(this.environment)
			.bind("ipc.tcp.servers", Bindable.mapOf(String.class, Object.class))
			.orElse(Map.of());
		for (String name : servers.keySet()) {
			String serverBean = name + "TcpServer";
			RootBeanDefinition server = new RootBeanDefinition(TcpServer.class);
			server.setFactoryBeanName(BUILDER_BEAN_NAME);
			server.setFactoryMethodName("build");
			server.getConstructorArgumentValues().addGenericArgumentValue(name);
			registry.registerBeanDefinition(serverBean, server);
			RootBeanDefinition factory = new RootBeanDefinition(AbstractServerConnectionFactory.class);
			factory.setFactoryBeanName(serverBean);
			factory.setFactoryMethodName("getConnectionFactory");
			registry.registerBeanDefinition(name + "TcpServerConnectionFactory", factory);
		}
	}

}
