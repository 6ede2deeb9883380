package io.github.ipcboot.shm;

/**
 * Raised for a request whose listener on the server threw; the message holds the server's text.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public class ShmRemoteException extends ShmException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param message the detail message, naming the channel and the numbers involved
	 */
	public ShmRemoteException(String message) {
		super(message);
	}

}
