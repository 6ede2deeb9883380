package io.github.ipcboot.framing;

import java.io.IOException;

/**
 * Base class of the errors a frame codec raises for bad input. It extends {@link IOException} so
 * that Spring Integration connections treat it as a read failure.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class FramingException extends IOException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param message the detail message
	 */
	public FramingException(String message) {
		super(message);
	}

}
