package io.github.ipcboot.tcp;

/**
 * How a server answers listener failures, oversized frames and frames that arrive while it drains
 * for a graceful shutdown. Replies may use the placeholders {@code {error}} (the exception's simple
 * class name, never its message) and {@code {limit}} (the maximum frame size).
 *
 * @param onListenerError what to do when a listener method throws
 * @param listenerErrorReply the frame sent for {@link TcpErrorAction#REPLY} and
 * {@link TcpErrorAction#REPLY_AND_CLOSE} after a listener failure
 * @param onFrameTooLarge what to do when a frame is over the maximum frame size
 * @param frameTooLargeReply the frame sent for an oversized frame
 * @param onShutdown what to do with a frame that arrives while the server drains
 * @param shutdownReply the frame sent for {@link TcpShutdownAction#REPLY}
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public record ServerErrorPolicy(TcpErrorAction onListenerError, String listenerErrorReply,
		TcpErrorAction onFrameTooLarge, String frameTooLargeReply, TcpShutdownAction onShutdown,
		String shutdownReply) {

	/** Closes the connection on every error and ignores frames during a drain. */
	public static final ServerErrorPolicy CLOSE = new ServerErrorPolicy(TcpErrorAction.CLOSE, "ERR {error}",
			TcpErrorAction.CLOSE, "ERR FRAME_TOO_LARGE {limit}", TcpShutdownAction.IGNORE, "ERR SHUTTING_DOWN");

	String listenerErrorReply(Throwable error) {
		return this.listenerErrorReply.replace("{error}", error.getClass().getSimpleName());
	}

	String frameTooLargeReply(int limit) {
		return this.frameTooLargeReply.replace("{limit}", Integer.toString(limit));
	}

}
