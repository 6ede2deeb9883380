package io.github.ipcboot.autoconfigure;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Registers a configured client of a transport as a bean of its own, taken by name from the
 * transport's clients bean (which also closes it), so that it can be injected by name.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public final class ClientBeanDefinitions {

	private ClientBeanDefinitions() {
	}

	/**
	 * Register a bean {@code <name><suffix>} made by {@code clientsBean.client(name)}.
	 * @param registry the registry
	 * @param type the client's type
	 * @param clientsBean the name of the bean holding the clients
	 * @param name the configured name of the client
	 * @param suffix the suffix of the bean name, such as {@code UdpClient}
	 */
	public static void register(BeanDefinitionRegistry registry, Class<?> type, String clientsBean, String name,
			String suffix) {
		RootBeanDefinition client = new RootBeanDefinition(type);
		client.setFactoryBeanName(clientsBean);
		client.setFactoryMethodName("client");
		client.getConstructorArgumentValues().addGenericArgumentValue(name);
		// the clients bean closes it
		client.setDestroyMethodName(null);
		registry.registerBeanDefinition(name + suffix, client);
	}

}
