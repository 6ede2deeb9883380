package io.github.ipcboot.process;

import org.jspecify.annotations.Nullable;

/**
 * Base class of the exceptions raised by the {@link ProcessService}.
 *
 * @since 0.1.0
 */
public class ProcessException extends RuntimeException {

	/**
	 * Creates an exception without a cause; one may be set later with {@link #initCause}.
	 * @param message the message
	 */
	public ProcessException(String message) {
		super(message);
	}

	/**
	 * Creates an exception.
	 * @param message the message
	 * @param cause the cause, or {@code null}
	 */
	public ProcessException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
