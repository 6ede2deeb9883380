package io.github.ipcboot.udp;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.Charset;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ReflectionUtils;

/**
 * A {@link UdpListener} method and how to call it: which parameter takes the datagram (as bytes or
 * text) and which the {@link UdpContext}, and how its result becomes the reply datagram.
 */
final class UdpListenerMethod {

	private enum Parameter {

		BYTES, TEXT, CONTEXT

	}

	private final Object bean;

	private final Method method;

	private final Parameter[] parameters;

	UdpListenerMethod(Object bean, Method method) {
		this.bean = bean;
		this.method = method;
		Class<?>[] types = method.getParameterTypes();
		this.parameters = new Parameter[types.length];
		for (int i = 0; i < types.length; i++) {
			this.parameters[i] = parameter(types[i]);
		}
		long payloads = count(Parameter.BYTES) + count(Parameter.TEXT);
		if (payloads != 1 || count(Parameter.CONTEXT) > 1) {
			throw invalid("must take the datagram (byte[] or String) once and may take the UdpContext once");
		}
		Class<?> result = method.getReturnType();
		if (result != void.class && result != byte[].class && result != String.class) {
			throw invalid("returns " + result.getName() + "; return void, byte[] or String");
		}
		ReflectionUtils.makeAccessible(method);
	}

	private Parameter parameter(Class<?> type) {
		if (type == byte[].class) {
			return Parameter.BYTES;
		}
		if (type == String.class) {
			return Parameter.TEXT;
		}
		if (type == UdpContext.class) {
			return Parameter.CONTEXT;
		}
		throw invalid("has a parameter of type " + type.getName()
				+ "; use byte[] or String for the datagram and UdpContext for its sender");
	}

	private long count(Parameter kind) {
		long count = 0;
		for (Parameter parameter : this.parameters) {
			count += (parameter == kind) ? 1 : 0;
		}
		return count;
	}

	private IllegalStateException invalid(String problem) {
		return new IllegalStateException("@UdpListener method " + describe() + " " + problem);
	}

	String describe() {
		return this.method.getDeclaringClass().getName() + "." + this.method.getName();
	}

	/**
	 * Call the method.
	 * @return the reply, or {@code null} for none
	 * @throws Throwable what the method threw
	 */
	byte @Nullable [] invoke(byte[] datagram, UdpContext context, Charset charset) throws Throwable {
		Object[] values = new Object[this.parameters.length];
		for (int i = 0; i < values.length; i++) {
			values[i] = switch (this.parameters[i]) {
				case BYTES -> datagram;
				case TEXT -> new String(datagram, charset);
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
