package io.github.ipcboot.tcp;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.util.ReflectionUtils;

/**
 * A {@link TcpListener} method and how to call it: which parameter takes the frame (as bytes,
 * text, or converted to another type) and which the session or a piece of connection metadata,
 * and how to turn its result into a reply frame. Listeners of {@code byte[]} and {@code String}
 * take the direct path: no converter is involved, unless an error handler returns another type.
 */
final class ListenerMethod {

	private enum Argument {

		BYTES, TEXT, CONVERTED, SESSION, REMOTE_ADDRESS, CONNECTION_ID, SERVER_NAME

	}

	private enum Result {

		NONE, BYTES, TEXT, CONVERTED

	}

	private final Object bean;

	private final Method method;

	private final Argument[] arguments;

	private final @Nullable MethodParameter convertedParameter;

	private final Result result;

	private final String errorHandlerName;

	private volatile @Nullable ListenerPayloads payloads;

	private volatile @Nullable TcpListenerErrorHandler errorHandler;

	ListenerMethod(Object bean, Method method) {
		this.bean = bean;
		this.method = method;
		Class<?>[] types = method.getParameterTypes();
		this.arguments = new Argument[types.length];
		int payloadCount = 0;
		int sessions = 0;
		MethodParameter converted = null;
		for (int i = 0; i < types.length; i++) {
			MethodParameter parameter = new MethodParameter(method, i);
			Header header = parameter.getParameterAnnotation(Header.class);
			Argument argument = (header != null) ? header(header, types[i]) : argument(types[i]);
			this.arguments[i] = argument;
			if (argument == Argument.BYTES || argument == Argument.TEXT || argument == Argument.CONVERTED) {
				payloadCount++;
			}
			if (argument == Argument.CONVERTED) {
				converted = parameter;
			}
			if (argument == Argument.SESSION) {
				sessions++;
			}
		}
		if (payloadCount > 1 || sessions > 1) {
			throw invalid("may take the frame and the TcpSession once each");
		}
		this.convertedParameter = converted;
		this.result = result(method.getReturnType());
		TcpListener annotation = AnnotatedElementUtils.findMergedAnnotation(method, TcpListener.class);
		this.errorHandlerName = (annotation != null) ? annotation.errorHandler() : "";
		ReflectionUtils.makeAccessible(method);
	}

	private Argument argument(Class<?> type) {
		if (type == byte[].class) {
			return Argument.BYTES;
		}
		if (type == String.class) {
			return Argument.TEXT;
		}
		if (type == TcpSession.class) {
			return Argument.SESSION;
		}
		if (type == InetSocketAddress.class) {
			return Argument.REMOTE_ADDRESS;
		}
		if (type.isPrimitive()) {
			throw invalid("has a parameter of type " + type.getName() + "; use byte[] or String for the frame "
					+ "(or a type to convert it to), TcpSession for the connection, or @Header(TcpHeaders...) "
					+ "for its metadata");
		}
		return Argument.CONVERTED;
	}

	private Argument header(Header header, Class<?> type) {
		String name = header.value().isEmpty() ? header.name() : header.value();
		Argument argument = switch (name) {
			case TcpHeaders.CONNECTION_ID -> Argument.CONNECTION_ID;
			case TcpHeaders.SERVER_NAME -> Argument.SERVER_NAME;
			case TcpHeaders.REMOTE_ADDRESS -> Argument.REMOTE_ADDRESS;
			default -> throw invalid("has a parameter with @Header(\"" + name + "\"); use TcpHeaders.CONNECTION_ID, "
					+ "TcpHeaders.SERVER_NAME or TcpHeaders.REMOTE_ADDRESS");
		};
		Class<?> expected = (argument == Argument.REMOTE_ADDRESS) ? InetSocketAddress.class : String.class;
		if (type != expected) {
			throw invalid("takes @Header(\"" + name + "\") as " + type.getName() + "; use " + expected.getName());
		}
		return argument;
	}

	private Result result(Class<?> type) {
		if (type == void.class) {
			return Result.NONE;
		}
		if (type == byte[].class) {
			return Result.BYTES;
		}
		if (type == String.class) {
			return Result.TEXT;
		}
		if (type.isPrimitive()) {
			throw invalid("returns " + type.getName() + "; return void, byte[], String or a type to convert");
		}
		return Result.CONVERTED;
	}

	private IllegalStateException invalid(String problem) {
		return new IllegalStateException("@TcpListener method " + describe() + " " + problem);
	}

	String describe() {
		return this.method.getDeclaringClass().getName() + "." + this.method.getName();
	}

	/**
	 * Return whether the method takes or returns a type that a message converter must read or
	 * write.
	 * @return whether it needs {@link #usePayloads}
	 */
	boolean needsConverter() {
		return this.convertedParameter != null || this.result == Result.CONVERTED;
	}

	/**
	 * Return the name of the bean of the method's error handler, from its annotation.
	 * @return the name, empty for none
	 */
	String errorHandlerName() {
		return this.errorHandlerName;
	}

	void usePayloads(ListenerPayloads payloads) {
		this.payloads = payloads;
	}

	void useErrorHandler(@Nullable TcpListenerErrorHandler errorHandler) {
		this.errorHandler = errorHandler;
	}

	/**
	 * Call the method, reporting the call to the observer of the session's server; what it
	 * throws goes to the error handler, if there is one.
	 * @return the reply frame, or {@code null} for none
	 * @throws Exception what the method (or the error handler) threw
	 */
	byte @Nullable [] invoke(byte[] frame, TcpSession session, Charset charset) throws Exception {
		ConnectionStats stats = ConnectionStats.of(session);
		TcpObserver.Handling handling = (stats != null) ? stats.handlerStarted(session) : TcpObserver.Handling.NONE;
		Throwable failure = null;
		try {
			return call(frame, session, charset);
		}
		catch (Exception ex) {
			failure = ex;
			TcpListenerErrorHandler handler = this.errorHandler;
			if (handler == null) {
				throw listenerFailed(stats, ex);
			}
			try {
				return toFrame(handler.handleError(ex, frame, session), charset);
			}
			catch (Exception handlerFailure) {
				failure = handlerFailure;
				throw listenerFailed(stats, handlerFailure);
			}
			catch (Error handlerFailure) {
				failure = handlerFailure;
				throw listenerFailed(stats, handlerFailure);
			}
		}
		catch (Error ex) {
			failure = ex;
			throw listenerFailed(stats, ex);
		}
		finally {
			handling.end(failure);
		}
	}

	private static <T extends Throwable> T listenerFailed(@Nullable ConnectionStats stats, T ex) {
		if (stats != null) {
			stats.listenerFailed(ex);
		}
		return ex;
	}

	private byte @Nullable [] call(byte[] frame, TcpSession session, Charset charset) throws Exception {
		Object[] values = new Object[this.arguments.length];
		for (int i = 0; i < values.length; i++) {
			values[i] = switch (this.arguments[i]) {
				case BYTES -> frame;
				case TEXT -> new String(frame, charset);
				case SESSION -> session;
				case CONVERTED -> readPayload(frame);
				case REMOTE_ADDRESS -> session.remoteAddress();
				case CONNECTION_ID -> session.id();
				case SERVER_NAME -> session.serverName();
			};
		}
		Object value;
		try {
			value = this.method.invoke(this.bean, values);
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
		if (value == null) {
			return null;
		}
		return switch (this.result) {
			case TEXT -> ((String) value).getBytes(charset);
			case BYTES -> (byte[]) value;
			case CONVERTED -> toFrame(value, charset);
			case NONE -> null;
		};
	}

	private byte @Nullable [] toFrame(@Nullable Object value, Charset charset) {
		if (value == null) {
			return null;
		}
		if (value instanceof byte[] bytes) {
			return bytes;
		}
		if (value instanceof String text) {
			return text.getBytes(charset);
		}
		return payloads().write(value, charset);
	}

	private Object readPayload(byte[] frame) {
		MethodParameter parameter = this.convertedParameter;
		if (parameter == null) {
			throw new IllegalStateException("@TcpListener method " + describe() + " converts no parameter");
		}
		return payloads().read(frame, parameter);
	}

	private ListenerPayloads payloads() {
		ListenerPayloads current = this.payloads;
		if (current == null) {
			throw new IllegalStateException("@TcpListener method " + describe() + " (or its error handler) "
					+ "returned an object other than byte[] and String, which needs a message converter: add "
					+ "Jackson (tools.jackson.core:jackson-databind) for JSON, or a MessageConverter bean named '"
					+ TcpListenerAnnotationBeanPostProcessor.MESSAGE_CONVERTER_BEAN_NAME + "'");
		}
		return current;
	}

}
