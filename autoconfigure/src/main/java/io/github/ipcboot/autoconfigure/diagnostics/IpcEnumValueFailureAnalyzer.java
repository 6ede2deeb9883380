package io.github.ipcboot.autoconfigure.diagnostics;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.ConversionFailedException;

/**
 * Reports a value under {@code ipc.*} that is none of its enum's choices, listing the choices as
 * they are written in configuration ({@code length-header}, {@code reply-and-close}).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class IpcEnumValueFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		Class<?> type = cause.getTarget().getType().resolve(Object.class);
		ConfigurationProperty property = cause.getProperty();
		if (!cause.getName().toString().startsWith("ipc.") || !type.isEnum() || property == null
				|| findCause(cause, ConversionFailedException.class) == null) {
			return null;
		}
		String choices = Arrays.stream(type.getEnumConstants())
			.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
			.collect(Collectors.joining(", "));
		StringBuilder description = new StringBuilder();
		description.append(String.format("'%s' is not a valid value of %s:%n%n    Property: %s%n    Value: \"%s\"%n",
				property.getValue(), property.getName(), property.getName(), property.getValue()));
		if (property.getOrigin() != null) {
			description.append(String.format("    Origin: %s%n", property.getOrigin()));
		}
		description.append(String.format("    Valid values: %s", choices));
		return new FailureAnalysis(description.toString(),
				"Set " + property.getName() + " to one of: " + choices + ".", cause);
	}

}
