package io.github.ipcboot.autoconfigure;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * The part the listener bean post-processors of every transport ({@code @TcpListener},
 * {@code @UdpListener}) share: collect the annotated methods of every bean, grouped by the name of
 * the server or endpoint the annotation gives, and hand them over once all singletons exist.
 *
 * @param <A> the annotation
 * @param <M> how a transport holds a listener method
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public abstract class AbstractListenerAnnotationBeanPostProcessor<A extends Annotation, M>
		implements BeanPostProcessor, SmartInitializingSingleton, BeanFactoryAware {

	private final Class<A> annotationType;

	private final Function<A, List<String>> targets;

	private final BiFunction<Object, Method, M> factory;

	private final Map<String, List<M>> listeners = new LinkedHashMap<>();

	private BeanFactory beanFactory;

	/**
	 * Create a new instance.
	 * @param annotationType the annotation
	 * @param targets the names of the servers or endpoints an annotation names (one method may
	 * serve several)
	 * @param factory makes the transport's listener method of a bean and its invocable method
	 */
	protected AbstractListenerAnnotationBeanPostProcessor(Class<A> annotationType, Function<A, List<String>> targets,
			BiFunction<Object, Method, M> factory) {
		this.annotationType = annotationType;
		this.targets = targets;
		this.factory = factory;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		this.beanFactory = beanFactory;
	}

	/**
	 * Return whether a type has methods with an annotation.
	 * @param type the type
	 * @param annotationType the annotation
	 * @return whether it has any
	 */
	protected static boolean hasAnnotatedMethods(Class<?> type, Class<? extends Annotation> annotationType) {
		return !annotatedMethods(type, annotationType).isEmpty();
	}

	private static <T extends Annotation> Map<Method, T> annotatedMethods(Class<?> type, Class<T> annotationType) {
		return MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<T>) (
				method) -> AnnotatedElementUtils.findMergedAnnotation(method, annotationType));
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		annotatedMethods(AopUtils.getTargetClass(bean), this.annotationType).forEach((method, annotation) -> {
			M listener = this.factory.apply(bean, AopUtils.selectInvocableMethod(method, bean.getClass()));
			List<String> names = this.targets.apply(annotation);
			if (names.isEmpty()) {
				throw new IllegalStateException("@" + this.annotationType.getSimpleName() + " on " + method
						+ " names no server; name at least one");
			}
			for (String name : names) {
				this.listeners.computeIfAbsent(name, (k) -> new ArrayList<>()).add(listener);
			}
		});
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		attach(this.beanFactory, Collections.unmodifiableMap(this.listeners));
	}

	/**
	 * Check the listener methods found and attach them to their servers or endpoints.
	 * @param beanFactory the bean factory
	 * @param listeners the methods by the name their annotation gives, in the order found
	 */
	protected abstract void attach(BeanFactory beanFactory, Map<String, List<M>> listeners);

}
