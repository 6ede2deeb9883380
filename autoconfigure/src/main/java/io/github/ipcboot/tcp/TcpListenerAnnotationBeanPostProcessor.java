package io.github.ipcboot.tcp;

import java.util.List;
import java.util.Map;

import io.github.ipcboot.autoconfigure.AbstractListenerAnnotationBeanPostProcessor;

import org.springframework.beans.factory.BeanFactory;

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
		extends AbstractListenerAnnotationBeanPostProcessor<TcpListener, ListenerMethod> {

	/**
	 * Create a new instance.
	 */
	public TcpListenerAnnotationBeanPostProcessor() {
		super(TcpListener.class, (listener) -> List.of(listener.value()), ListenerMethod::new);
	}

	/**
	 * Return whether a type has {@link TcpListener} methods.
	 * @param type the type
	 * @return whether it has any
	 */
	public static boolean hasListenerMethods(Class<?> type) {
		return hasAnnotatedMethods(type, TcpListener.class);
	}

	@Override
	protected void attach(BeanFactory beanFactory, Map<String, List<ListenerMethod>> listeners) {
		TcpServers servers = beanFactory.getBean(TcpServers.class);
		listeners.forEach((name, methods) -> {
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
			List<ListenerMethod> methods = listeners.get(name);
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
