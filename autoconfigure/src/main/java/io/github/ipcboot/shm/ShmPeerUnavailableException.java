package io.github.ipcboot.shm;

/**
 * Raised when a client sends while it is not attached to a live server (no file yet, the server gone,\n * draining or closed), or when the server goes away while a request waits for its reply.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public class ShmPeerUnavailableException extends ShmException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param message the detail message, naming the channel and the numbers involved
	 */
	public ShmPeerUnavailableException(String message) {
		super(message);
	}

}
