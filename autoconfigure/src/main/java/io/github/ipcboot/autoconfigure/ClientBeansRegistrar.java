package io.github.ipcboot.autoconfigure;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers a bean {@code <name><suffix>} for every configured client of a transport, taken from
 * the transport's clients bean with {@link ClientBeanDefinitions}, so that it can be injected by
 * name. A transport says which configured names are its clients.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public abstract class ClientBeansRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	private final Class<?> type;

	private final String clientsBean;

	private final String suffix;

	private final Function<Binder, Iterable<String>> clientNames;

	private Environment environment;

	/**
	 * Create a new instance.
	 * @param type the clients' type
	 * @param clientsBean the name of the bean holding the clients
	 * @param suffix the suffix of the bean names, such as {@code UdpClient}
	 * @param clientNames the names of the configured clients, read with the binder of the
	 * environment
	 */
	protected ClientBeansRegistrar(Class<?> type, String clientsBean, String suffix,
			Function<Binder, Iterable<String>> clientNames) {
		this.type = type;
		this.clientsBean = clientsBean;
		this.suffix = suffix;
		this.clientNames = clientNames;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		for (String name : this.clientNames.apply(Binder.get(this.environment))) {
			ClientBeanDefinitions.register(registry, this.type, this.clientsBean, name, this.suffix);
		}
	}

	/**
	 * Return the names configured under a map property.
	 * @param binder the binder of the environment
	 * @param prefix the map property, such as {@code ipc.udp.clients}
	 * @return the names, none when nothing is configured
	 */
	protected static Set<String> configuredNames(Binder binder, String prefix) {
		return binder.bind(prefix, Bindable.mapOf(String.class, Object.class)).orElse(Map.of()).keySet();
	}

}
