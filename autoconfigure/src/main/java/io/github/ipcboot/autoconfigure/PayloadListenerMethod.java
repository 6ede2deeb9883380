package io.github.ipcboot.autoconfigure;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.Charset;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ReflectionUtils;

/**
 * A listener method of a message transport ({@code @UdpListener}, {@code @ShmListener}) and how to
 * call it: one parameter takes the message as {@code byte[]} or {@code String}, an optional one
 * the transport's context; the result ({@code void}, {@code byte[]} or {@code String}) is the
 * reply.
 *
 * @param <C> the type of the transport's context
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public class PayloadListenerMethod<C> {

	private enum Parameter {

		BYTES, TEXT, CONTEXT

	}

	private final Object bean;

	private final Method method;

	private final Class<C> contextType;

	private final String annotation;

	private final Parameter[] parameters;

	/**
	 * Check a method and prepare to call it.
	 * @param bean the bean
	 * @param method the method
	 * @param contextType the transport's context
	 * @param annotation the annotation's name for messages, such as {@code @UdpListener}
	 * @param payload what the transport calls a message, such as {@code datagram}
	 * @throws IllegalStateException if the method's signature does not fit
	 */
	protected PayloadListenerMethod(Object bean, Method method, Class<C> contextType, String annotation,
			String payload) {
		this.bean = bean;
		this.method = method;
		this.contextType = contextType;
		this.annotation = annotation;
		Class<?>[] types = method.getParameterTypes();
		this.parameters = new Parameter[types.length];
		for (int i = 0; i < types.length; i++) {
			this.parameters[i] = parameter(types[i], payload);
		}
		long payloads = count(Parameter.BYTES) + count(Parameter.TEXT);
		if (payloads != 1 || count(Parameter.CONTEXT) > 1) {
			throw invalid("must take the " + payload + " (byte[] or String) once and may take the "
					+ contextType.getSimpleName() + " once");
		}
		Class<?> result = method.getReturnType();
		if (result != void.class && result != byte[].class && result != String.class) {
			throw invalid("returns " + result.getName() + "; return void, byte[] or String");
		}
		ReflectionUtils.makeAccessible(method);
	}

	private Parameter parameter(Class<?> type, String payload) {
		if (type == byte[].class) {
			return Parameter.BYTES;
		}
		if (type == String.class) {
			return Parameter.TEXT;
		}
		if (type == this.contextType) {
			return Parameter.CONTEXT;
		}
		throw invalid("has a parameter of type " + type.getName() + "; use byte[] or String for the " + payload
				+ " and " + this.contextType.getSimpleName() + " for its context");
	}

	private long count(Parameter kind) {
		long count = 0;
		for (Parameter parameter : this.parameters) {
			count += (parameter == kind) ? 1 : 0;
		}
		return count;
	}

	private IllegalStateException invalid(String problem) {
		return new IllegalStateException(this.annotation + " method " + describe() + " " + problem);
	}

	/**
	 * Describe the method for messages.
	 * @return the declaring class and the method name
	 */
	public String describe() {
		return this.method.getDeclaringClass().getName() + "." + this.method.getName();
	}

	/**
	 * Call the method.
	 * @param payload the message
	 * @param context the context
	 * @param charset the charset of {@code String} messages and replies
	 * @return the reply, or {@code null} for none
	 * @throws Throwable what the method threw
	 */
	public byte @Nullable [] invoke(byte[] payload, C context, Charset charset) throws Throwable {
		Object[] values = new Object[this.parameters.length];
		for (int i = 0; i < values.length; i++) {
			values[i] = switch (this.parameters[i]) {
				case BYTES -> payload;
				case TEXT -> new String(payload, charset);
				case CONTEXT -> context;
			};
		}
		Object result;
		try {
			result = this.method.invoke(this.bean, values);
		}
		catch (InvocationTargetException ex) {
			throw (ex.getCause() != null) ? ex.getCause() : ex;
		}
		if (result instanceof String text) {
			return text.getBytes(charset);
		}
		return (byte[]) result;
	}

}
