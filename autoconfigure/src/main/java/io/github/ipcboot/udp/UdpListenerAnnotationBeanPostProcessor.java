package io.github.ipcboot.udp;

import java.util.List;
import java.util.Map;

import io.github.ipcboot.autoconfigure.AbstractListenerAnnotationBeanPostProcessor;
import io.github.ipcboot.autoconfigure.IpcStartupException;

import org.springframework.beans.factory.BeanFactory;

/**
 * Finds {@link UdpListener} methods on beans and, once all singletons exist, attaches each to its
 * endpoint. Start-up fails with a clear message when a configured endpoint has no listener or two,
 * or when a listener names an endpoint that is not configured.
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public class UdpListenerAnnotationBeanPostProcessor
		extends AbstractListenerAnnotationBeanPostProcessor<UdpListener, UdpListenerMethod> {

	/**
	 * Create a new instance.
	 */
	public UdpListenerAnnotationBeanPostProcessor() {
		super(UdpListener.class, (listener) -> List.of(listener.value()), UdpListenerMethod::new);
	}

	/**
	 * Return whether a type has {@link UdpListener} methods.
	 * @param type the type
	 * @return whether it has any
	 */
	public static boolean hasListenerMethods(Class<?> type) {
		return hasAnnotatedMethods(type, UdpListener.class);
	}

	@Override
	protected void attach(BeanFactory beanFactory, Map<String, List<UdpListenerMethod>> listeners) {
		UdpEndpoints endpoints = beanFactory.getBean(UdpEndpoints.class);
		listeners.forEach((name, methods) -> {
			if (!endpoints.names().contains(name)) {
				throw new IpcStartupException("@UdpListener(\"" + name + "\") on " + methods.get(0).describe()
						+ " names no configured endpoint; configure ipc.udp.endpoints." + name
						+ ".port (configured endpoints: " + endpoints.names() + ")", "ipc.udp.endpoints." + name, null,
						"Configure ipc.udp.endpoints." + name + ".port, or name one of the configured endpoints "
								+ endpoints.names() + " in @UdpListener.",
						null);
			}
			if (methods.size() > 1) {
				throw new IpcStartupException("UDP endpoint '" + name + "' has " + methods.size()
						+ " @UdpListener methods (" + methods.stream().map(UdpListenerMethod::describe).toList()
						+ "); keep exactly one", "ipc.udp.endpoints." + name, null,
						"Keep one @UdpListener(\"" + name + "\") method, or configure a second endpoint for the others.",
						null);
			}
		});
		for (String name : endpoints.names()) {
			List<UdpListenerMethod> methods = listeners.get(name);
			if (methods == null) {
				throw new IpcStartupException("UDP endpoint '" + name + "' has no @UdpListener(\"" + name
						+ "\") method; add one to a bean", "ipc.udp.endpoints." + name, null,
						"Add a @UdpListener(\"" + name + "\") method to a bean, or remove ipc.udp.endpoints." + name + ".",
						null);
			}
			endpoints.get(name).attach(methods.get(0));
		}
	}

}
