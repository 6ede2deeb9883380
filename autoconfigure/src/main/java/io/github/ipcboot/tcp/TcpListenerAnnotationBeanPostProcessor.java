package io.github.ipcboot.tcp;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds {@link TcpListener} methods on beans and, once all singletons exist, attaches each to its
 * server. Start-up fails with a clear message when a configured server has no listener (and no
 * other Spring Integration endpoint uses its connection factory), when a server has two
 * listeners, or when a listener names a server that is not configured.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class TcpListenerAnnotationBeanPostProcessor
		implements BeanPostProcessor, SmartInitializingSingleton, BeanFactoryAware {

	private final Map<String, List<ListenerMethod>> listeners = new LinkedHashMap<>();

	private BeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		this.beanFactory = beanFactory;
	}

	/**
	 * Return whether a type has {@link TcpListener} methods.
	 * @param type the type
	 * @return whether it has any
	 */
	public static boolean hasListenerMethods(Class<?> type) {
		return !listenerMethods(type).isEmpty();
	}

	private static Map<Method, TcpListener> listenerMethods(Class<?> type) {
		return MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<TcpListener>) (
				method) -> AnnotatedElementUtils.findMergedAnnotation(method, TcpListener.class));
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Map<Method, TcpListener> methods = listenerMethods(AopUtils.getTargetClass(bean));
		methods.forEach((method, annotation) -> this.listeners.computeIfAbsent(annotation.value(), (k) -> new ArrayList<>())
			.add(new ListenerMethod(bean, AopUtils.selectInvocableMethod(method, bean.getClass()))));
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		TcpServers servers = this.beanFactory.getBean(TcpServers.class);
		this.listeners.forEach((name, methods) -> {
			if (!servers.names().contains(name)) {
				throw new IllegalStateException("@TcpListener(\"" + name + "\") on " + methods.get(0).describe()
						+ " names no configured server; configure ipc.tcp.servers." + name
						+ ".port (configured servers: " + servers.names() + ")");
			}
			if (methods.size() > 1) {
				throw new IllegalStateException("TCP server '" + name + "' has " + methods.size()
						+ " @TcpListener methods (" + methods.stream().map(ListenerMethod::describe).toList()
						+ "); keep exactly one");
			}
		});
		for (String name : servers.names()) {
			TcpServer server = servers.get(name);
			List<ListenerMethod> methods = this.listeners.get(name);
			if (methods != null) {
				server.attach(methods.get(0));
			}
			else if (!server.hasListener()) {
				throw new IllegalStateException("TCP server '" + name + "' has no @TcpListener(\"" + name
						+ "\") method; add one, or use the connection factory bean '" + name
						+ "TcpServerConnectionFactory' in a Spring Integration endpoint of your own");
			}
		}
	}

}
