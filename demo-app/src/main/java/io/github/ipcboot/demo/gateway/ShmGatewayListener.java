package io.github.ipcboot.demo.gateway;

import io.github.ipcboot.shm.ShmListener;

import org.springframework.stereotype.Component;

/**
 * Answers the requests of the {@code gateway} shared-memory channel, one reply each, as the
 * {@code commands} server answers them: {@code PING} with {@code OK PONG}, {@code ECHO <text>}
 * with {@code OK <text>} (the same code, {@link InstantRequests}). Every other request gets
 * {@code ERR UNSUPPORTED <verb>}: the channel's listener runs on its reader thread, one message at
 * a time, and gives exactly one reply, so a {@code RUN} (many lines, a child process, a queue per
 * connection) or a {@code FORWARD} (up to the ingest client's reply timeout) would hold up the
 * ring for every other request.
 */
@Component
public class ShmGatewayListener {

	/**
	 * The name of the channel, as configured under {@code ipc.shm.channels}.
	 */
	public static final String CHANNEL = "gateway";

	/**
	 * Answer one request.
	 * @param line the request, a line of the {@code commands} protocol without its line end
	 * @return the reply, a final {@code OK} or {@code ERR} line
	 */
	@ShmListener(CHANNEL)
	public String onRequest(String line) {
		try {
			GatewayRequest request = GatewayRequest.parse(line);
			if (!InstantRequests.isInstant(request.verb())) {
				throw new GatewayException(ErrorCode.UNSUPPORTED, request.verb());
			}
			return InstantRequests.answer(request);
		}
		catch (GatewayException ex) {
			return ex.reply();
		}
	}

}
