package io.github.ipcboot.shm;

import java.util.List;
import java.util.Map;

import io.github.ipcboot.autoconfigure.AbstractListenerAnnotationBeanPostProcessor;

import org.springframework.beans.factory.BeanFactory;

/**
 * Finds {@link ShmListener} methods on beans and, once all singletons exist, attaches each to its
 * server channel. Start-up fails with a clear message when a server channel has no listener or two,
 * or when a listener names no configured server channel.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public class ShmListenerAnnotationBeanPostProcessor
		extends AbstractListenerAnnotationBeanPostProcessor<ShmListener, ShmListenerMethod> {

	/**
	 * Create a new instance.
	 */
	public ShmListenerAnnotationBeanPostProcessor() {
		super(ShmListener.class, (listener) -> List.of(listener.value()), ShmListenerMethod::new);
	}

	/**
	 * Return whether a type has {@link ShmListener} methods.
	 * @param type the type
	 * @return whether it has any
	 */
	public static boolean hasListenerMethods(Class<?> type) {
		return hasAnnotatedMethods(type, ShmListener.class);
	}

	@Override
	protected void attach(BeanFactory beanFactory, Map<String, List<ShmListenerMethod>> listeners) {
		ShmChannels channels = beanFactory.getBean(ShmChannels.class);
		listeners.forEach((name, methods) -> {
			if (!channels.servers().containsKey(name)) {
				throw new IllegalStateException("@ShmListener(\"" + name + "\") on " + methods.get(0).describe()
						+ " names no channel in the server role; configure ipc.shm.channels." + name
						+ ".role=server (server channels: " + channels.servers().keySet() + ")");
			}
			if (methods.size() > 1) {
				throw new IllegalStateException("Shared-memory channel '" + name + "' has " + methods.size()
						+ " @ShmListener methods (" + methods.stream().map(ShmListenerMethod::describe).toList()
						+ "); keep exactly one");
			}
		});
		channels.servers().forEach((name, server) -> {
			List<ShmListenerMethod> methods = listeners.get(name);
			if (methods == null) {
				throw new IllegalStateException("Shared-memory channel '" + name + "' (role server) has no @ShmListener(\""
						+ name + "\") method; add one to a bean");
			}
			server.attach(methods.get(0));
		});
	}

}
