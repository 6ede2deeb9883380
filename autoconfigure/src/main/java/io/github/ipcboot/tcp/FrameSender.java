package io.github.ipcboot.tcp;

/**
 * A connection that writes a frame's bytes as they are, without a {@code Message} around them: the
 * server's replies and the frames a listener streams through its {@link TcpSession} need no id,
 * timestamp or header map, which Spring Integration's {@code send(Message)} would make and map
 * per frame.
 */
interface FrameSender {

	/**
	 * Write one frame with the connection's serializer.
	 * @param frame the frame's bytes
	 * @param deferrable whether its flush may wait while more requests are buffered (a
	 * listener's reply), or must happen at once (a frame streamed through the session)
	 * @throws org.springframework.messaging.MessagingException if it cannot be written; the
	 * connection is closed then
	 */
	void sendFrame(byte[] frame, boolean deferrable);

}
