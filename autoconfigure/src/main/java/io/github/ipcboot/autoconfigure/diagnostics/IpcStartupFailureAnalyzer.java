package io.github.ipcboot.autoconfigure.diagnostics;

import io.github.ipcboot.autoconfigure.IpcStartupException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports an {@link IpcStartupException}: what failed, the property and its value, and the action
 * the exception names.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class IpcStartupFailureAnalyzer extends AbstractFailureAnalyzer<IpcStartupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, IpcStartupException cause) {
		StringBuilder description = new StringBuilder(cause.getMessage());
		if (cause.getProperty() != null) {
			description.append(String.format("%n%n    Property: %s", cause.getProperty()));
			if (cause.getValue() != null) {
				description.append(String.format("%n    Value: \"%s\"", cause.getValue()));
			}
		}
		return new FailureAnalysis(description.toString(), cause.getAction(), cause);
	}

}
