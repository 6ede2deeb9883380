package io.github.ipcboot.tcp;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.Charset;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ReflectionUtils;

/**
 * A {@link TcpListener} method and how to call it: which parameter takes the frame (as bytes or
 * text) and which the session, and how to turn its result into a reply frame.
 */
final class ListenerMethod {

	private enum Argument {

		BYTES, TEXT, SESSION

	}

	private final Object bean;

	private final Method method;

	private final Argument[] arguments;

	private final boolean textResult;

	ListenerMethod(Object bean, Method method) {
		this.bean = bean;
		this.method = method;
		Class<?>[] types = method.getParameterTypes();
		this.arguments = new Argument[types.length];
		int payloads = 0;
		int sessions = 0;
		for (int i = 0; i < types.length; i++) {
			if (types[i] == byte[].class || types[i] == String.class) {
				this.arguments[i] = (types[i] == String.class) ? Argument.TEXT : Argument.BYTES;
				payloads++;
			}
			else if (types[i] == TcpSession.class) {
				this.arguments[i] = Argument.SESSION;
				sessions++;
			}
			else {
				throw invalid("has a parameter of type " + types[i].getName()
						+ "; use byte[] or String for the frame and TcpSession for the connection");
			}
		}
		if (payloads > 1 || sessions > 1) {
			throw invalid("may take the frame and the TcpSession once each");
		}
		Class<?> result = method.getReturnType();
		if (result != void.class && result != byte[].class && result != String.class) {
			throw invalid("returns " + result.getName() + "; return void, byte[] or String");
		}
		this.textResult = result == String.class;
		ReflectionUtils.makeAccessible(method);
	}

	private IllegalStateException invalid(String problem) {
		return new IllegalStateException("@TcpListener method " + describe() + " " + problem);
	}

	String describe() {
		return this.method.getDeclaringClass().getName() + "." + this.method.getName();
	}

	/**
	 * Call the method, reporting the call to the observer of the session's server.
	 * @return the reply frame, or {@code null} for none
	 * @throws Exception what the method threw
	 */
	byte @Nullable [] invoke(byte[] frame, TcpSession session, Charset charset) throws Exception {
		ConnectionStats stats = ConnectionStats.of(session);
		TcpObserver.Handling handling = (stats != null) ? stats.handlerStarted(session) : TcpObserver.Handling.NONE;
		Throwable failure = null;
		try {
			return call(frame, session, charset);
		}
		catch (Exception | Error ex) {
			failure = ex;
			if (stats != null) {
				stats.listenerFailed(ex);
			}
			throw ex;
		}
		finally {
			handling.end(failure);
		}
	}

	private byte @Nullable [] call(byte[] frame, TcpSession session, Charset charset) throws Exception {
		Object[] values = new Object[this.arguments.length];
		for (int i = 0; i < values.length; i++) {
			values[i] = switch (this.arguments[i]) {
				case BYTES -> frame;
				case TEXT -> new String(frame, charset);
				case SESSION -> session;
			};
		}
		Object result;
		try {
			result = this.method.invoke(this.bean, values);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw ex;
		}
		if (result == null) {
			return null;
		}
		return this.textResult ? ((String) result).getBytes(charset) : (byte[]) result;
	}

}
