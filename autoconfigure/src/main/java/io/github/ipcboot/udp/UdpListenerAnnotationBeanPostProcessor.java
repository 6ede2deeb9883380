package io.github.ipcboot.udp;

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
 * Finds {@link UdpListener} methods on beans and, once all singletons exist, attaches each to its
 * endpoint. Start-up fails with a clear message when a configured endpoint has no listener or two,
 * or when a listener names an endpoint that is not configured.
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public class UdpListenerAnnotationBeanPostProcessor
		implements BeanPostProcessor, SmartInitializingSingleton, BeanFactoryAware {

	private final Map<String, List<UdpListenerMethod>> listeners = new LinkedHashMap<>();

	private BeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		this.beanFactory = beanFactory;
	}

	/**
	 * Return whether a type has {@link UdpListener} methods.
	 * @param type the type
	 * @return whether it has any
	 */
	public static boolean hasListenerMethods(Class<?> type) {
		return !listenerMethods(type).isEmpty();
	}

	private static Map<Method, UdpListener> listenerMethods(Class<?> type) {
		return MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<UdpListener>) (
				method) -> AnnotatedElementUtils.findMergedAnnotation(method, UdpListener.class));
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		listenerMethods(AopUtils.getTargetClass(bean)).forEach((method, annotation) -> this.listeners
			.computeIfAbsent(annotation.value(), (k) -> new ArrayList<>())
			.add(new UdpListenerMethod(bean, AopUtils.selectInvocableMethod(method, bean.getClass()))));
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		UdpEndpoints endpoints = this.beanFactory.getBean(UdpEndpoints.class);
		this.listeners.forEach((name, methods) -> {
			if (!endpoints.names().contains(name)) {
				throw new IllegalStateException("@UdpListener(\"" + name + "\") on " + methods.get(0).describe()
						+ " names no configured endpoint; configure ipc.udp.endpoints." + name
						+ ".port (configured endpoints: " + endpoints.names() + ")");
			}
			if (methods.size() > 1) {
				throw new IllegalStateException("UDP endpoint '" + name + "' has " + methods.size()
						+ " @UdpListener methods (" + methods.stream().map(UdpListenerMethod::describe).toList()
						+ "); keep exactly one");
			}
		});
		for (String name : endpoints.names()) {
			List<UdpListenerMethod> methods = this.listeners.get(name);
			if (methods == null) {
				throw new IllegalStateException("UDP endpoint '" + name + "' has no @UdpListener(\"" + name
						+ "\") method; add one to a bean");
			}
			endpoints.get(name).attach(methods.get(0));
		}
	}

}
