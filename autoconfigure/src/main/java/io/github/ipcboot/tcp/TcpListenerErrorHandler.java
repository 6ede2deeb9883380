package io.github.ipcboot.tcp;

import org.jspecify.annotations.Nullable;

/**
 * Handles what a {@link TcpListener} method throws, before the server's {@code on-listener-error}
 * policy would: its return value is the reply (as a listener's: {@code byte[]}, {@code String}, or
 * an object the listener message converter writes; {@code null} for none) and the connection goes
 * on; what it throws goes to the policy (logged, counted, answered or closed as configured).
 * <p>
 * A listener names its handler's bean with {@link TcpListener#errorHandler()}; without one, the
 * only bean of this type, if there is exactly one, handles the errors of every listener.
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
@FunctionalInterface
public interface TcpListenerErrorHandler {

	/**
	 * Handle a listener's failure.
	 * @param error what the listener method threw (a failed conversion of the frame included)
	 * @param frame the frame it was called with
	 * @param session the connection
	 * @return the reply, or {@code null} for none
	 * @throws Exception to leave the error to the server's policy
	 */
	@Nullable Object handleError(Exception error, byte[] frame, TcpSession session) throws Exception;

}
