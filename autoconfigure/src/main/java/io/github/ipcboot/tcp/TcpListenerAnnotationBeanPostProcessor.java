package io.github.ipcboot.tcp;

import java.util.List;
import java.util.Map;

import io.github.ipcboot.autoconfigure.AbstractListenerAnnotationBeanPostProcessor;
import io.github.ipcboot.autoconfigure.IpcStartupException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.converter.MessageConverter;

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
	 * The name of the bean of the {@link MessageConverter} that reads and writes the payloads of
	 * listener methods that take or return other types than {@code byte[]} and {@code String}.
	 */
	public static final String MESSAGE_CONVERTER_BEAN_NAME = "ipcListenerMessageConverter";

	private static final Log logger = LogFactory.getLog(TcpListenerAnnotationBeanPostProcessor.class);

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

	private static void prepare(BeanFactory beanFactory, ListenerMethod method) {
		// every listener gets the converter when there is one: an error handler may return an object
		// also for a listener of byte[] or String (the direct path itself never uses it)
		boolean hasConverter = beanFactory.containsBean(MESSAGE_CONVERTER_BEAN_NAME);
		if (method.needsConverter() && !hasConverter) {
			throw new IllegalStateException("@TcpListener method " + method.describe() + " takes or returns a "
					+ "type other than byte[] and String, which needs a message converter: add Jackson "
					+ "(tools.jackson.core:jackson-databind) for JSON, or a MessageConverter bean named '"
					+ MESSAGE_CONVERTER_BEAN_NAME + "'");
		}
		if (hasConverter) {
			method.usePayloads(
					new ListenerPayloads(beanFactory.getBean(MESSAGE_CONVERTER_BEAN_NAME, MessageConverter.class)));
		}
		String handlerName = method.errorHandlerName();
		try {
			method.useErrorHandler(handlerName.isEmpty() ? uniqueErrorHandler(beanFactory, method)
					: beanFactory.getBean(handlerName, TcpListenerErrorHandler.class));
		}
		catch (BeansException ex) {
			throw new IllegalStateException("@TcpListener method " + method.describe() + " names the error handler '"
					+ handlerName + "', which is not a TcpListenerErrorHandler bean", ex);
		}
	}

	private static @Nullable TcpListenerErrorHandler uniqueErrorHandler(BeanFactory beanFactory,
			ListenerMethod method) {
		ObjectProvider<TcpListenerErrorHandler> handlers = beanFactory.getBeanProvider(TcpListenerErrorHandler.class);
		TcpListenerErrorHandler unique = handlers.getIfUnique();
		if (unique == null && handlers.stream().findAny().isPresent()) {
			logger.warn("@TcpListener method " + method.describe() + " has no error handler: there are several "
					+ "TcpListenerErrorHandler beans and none is @Primary; name one with "
					+ "@TcpListener(errorHandler = \"...\")");
		}
		return unique;
	}

	@Override
	protected void attach(BeanFactory beanFactory, Map<String, List<ListenerMethod>> listeners) {
		TcpServers servers = beanFactory.getBean(TcpServers.class);
		listeners.forEach((name, methods) -> {
			if (!servers.names().contains(name)) {
				throw new IpcStartupException("@TcpListener(\"" + name + "\") on " + methods.get(0).describe()
						+ " names no configured server; configure ipc.tcp.servers." + name
						+ ".port (configured servers: " + servers.names() + ")", "ipc.tcp.servers." + name, null,
						"Configure ipc.tcp.servers." + name + ".port, or name one of the configured servers "
								+ servers.names() + " in @TcpListener.",
						null);
			}
			if (methods.size() > 1) {
				throw new IpcStartupException("TCP server '" + name + "' has " + methods.size()
						+ " @TcpListener methods (" + methods.stream().map(ListenerMethod::describe).toList()
						+ "); keep exactly one", "ipc.tcp.servers." + name, null,
						"Keep one @TcpListener(\"" + name + "\") method, or configure a second server for the others.",
						null);
			}
		});
		for (String name : servers.names()) {
			TcpServer server = servers.get(name);
			List<ListenerMethod> methods = listeners.get(name);
			if (methods != null) {
				prepare(beanFactory, methods.get(0));
				server.attach(methods.get(0));
			}
			else if (!server.hasListener()) {
				throw new IpcStartupException("TCP server '" + name + "' has no @TcpListener(\"" + name
						+ "\") method; add one, or use the connection factory bean '" + name
						+ "TcpServerConnectionFactory' in a Spring Integration endpoint of your own",
						"ipc.tcp.servers." + name, null, "Add a @TcpListener(\"" + name
								+ "\") method to a bean, or remove ipc.tcp.servers." + name + ".",
						null);
			}
		}
	}

}
