package io.github.ipcboot.shm;

import org.jspecify.annotations.Nullable;

/**
 * Raised when a channel's mapping can no longer be used: its file was truncated under it (an
 * access past the new end faults; the JVM reports it as an {@link InternalError}). The channel
 * stops touching the mapping: a server reports itself down until it is restarted, a client
 * attaches again to a new file.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public class ShmMappingException extends ShmFileException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param message the detail message, naming the file and the numbers involved
	 * @param cause the underlying failure, if any
	 */
	public ShmMappingException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
