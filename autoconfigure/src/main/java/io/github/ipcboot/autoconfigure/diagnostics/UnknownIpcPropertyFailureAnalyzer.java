package io.github.ipcboot.autoconfigure.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports properties under {@code ipc.*} that match no property of the starter: a misspelt key
 * under a named server, client, endpoint or command (with the keys it has and the closest one), or
 * a list given where a single value is expected. Spring Boot's own analyzer handles the rest.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnknownIpcPropertyFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

	private static final ConfigurationPropertyName IPC = ConfigurationPropertyName.of("ipc");

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		if (!IPC.isAncestorOf(cause.getName())
				|| !(cause.getCause() instanceof UnboundConfigurationPropertiesException unbound)) {
			return null;
		}
		StringBuilder description = new StringBuilder();
		Set<String> actions = new TreeSet<>();
		List<ConfigurationProperty> properties = new ArrayList<>(unbound.getUnboundProperties());
		description.append((properties.size() == 1) ? "A property under '" : "Properties under '")
			.append(cause.getName())
			.append("' that the starter does not know:")
			.append(System.lineSeparator());
		for (ConfigurationProperty property : properties) {
			PropertyTree.Miss miss = PropertyTree.locate(cause.getName(), cause.getTarget().getType(),
					property.getName());
			description.append(String.format("%n    Property: %s%n    Value: \"%s\"%n", property.getName(),
					property.getValue()));
			if (property.getOrigin() != null) {
				description.append(String.format("    Origin: %s%n", property.getOrigin()));
			}
			description.append(String.format("    Reason: %s%n", reason(miss)));
			actions.add(action(miss));
		}
		return new FailureAnalysis(description.toString().stripTrailing(), String.join(System.lineSeparator(), actions),
				cause);
	}

	private static String reason(PropertyTree.Miss miss) {
		String property = miss.group() + "." + miss.key();
		if (miss.scalar()) {
			return property + " takes a single value (" + miss.type().getSimpleName() + "), "
					+ (miss.list() ? "not a list" : "it has no keys of its own");
		}
		if (miss.keys().isEmpty()) {
			return "it matches no property of the starter";
		}
		return "'" + miss.key() + "' is not a key of " + miss.group() + " (" + miss.type().getSimpleName() + ")";
	}

	private static String action(PropertyTree.Miss miss) {
		String property = miss.group() + "." + miss.key();
		if (miss.scalar()) {
			return "Give " + property + " one value" + ((miss.type() == String.class && miss.list())
					? " (for a regular expression, join the alternatives with '|')" : "") + ".";
		}
		if (miss.keys().isEmpty()) {
			return "Remove the property or correct its name.";
		}
		String closest = miss.closestKey();
		return "Correct or remove the key" + ((closest != null) ? "; did you mean '" + closest + "'?" : ".")
				+ " The keys of " + miss.group() + " are: " + String.join(", ", miss.keys().keySet()) + ".";
	}

}
