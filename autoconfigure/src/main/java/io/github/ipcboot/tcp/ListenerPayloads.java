package io.github.ipcboot.tcp;

import java.nio.charset.Charset;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.converter.SmartMessageConverter;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Converts frames to the payload parameter of a {@link TcpListener} method and its results back
 * to frames, through a Spring {@link MessageConverter} (JSON through Jackson by default). Only
 * listeners whose payload or result is neither {@code byte[]} nor {@code String} use it.
 */
final class ListenerPayloads {

	private static final MessageHeaders NO_HEADERS = new MessageHeaders(null);

	private final MessageConverter converter;

	ListenerPayloads(MessageConverter converter) {
		this.converter = converter;
	}

	/**
	 * Convert a frame to the type of a parameter.
	 * @throws MessageConversionException if the converter cannot
	 */
	Object read(byte[] frame, MethodParameter parameter) {
		Message<byte[]> message = MessageBuilder.createMessage(frame, NO_HEADERS);
		Class<?> type = parameter.getParameterType();
		Object value = (this.converter instanceof SmartMessageConverter smart)
				? smart.fromMessage(message, type, parameter) : this.converter.fromMessage(message, type);
		if (value == null) {
			throw new MessageConversionException(message,
					"A frame of " + frame.length + " bytes could not be converted to " + type.getName());
		}
		return value;
	}

	/**
	 * Convert a result to a frame.
	 * @throws MessageConversionException if the converter cannot
	 */
	byte[] write(Object value, Charset charset) {
		Message<?> message = this.converter.toMessage(value, NO_HEADERS);
		Object payload = (message != null) ? message.getPayload() : null;
		if (payload instanceof byte[] bytes) {
			return bytes;
		}
		if (payload instanceof String text) {
			return text.getBytes(charset);
		}
		throw new MessageConversionException(
				"A result of type " + value.getClass().getName() + " could not be converted to a frame");
	}

}
