package io.github.ipcboot.demo.gateway;

import io.github.ipcboot.tcp.TcpClientException;
import io.github.ipcboot.tcp.TcpClients;
import io.github.ipcboot.tcp.TcpConnectException;
import io.github.ipcboot.tcp.TcpReplyTimeoutException;

import org.springframework.stereotype.Component;

/**
 * Sends the text of a {@code FORWARD} request as one frame through the {@code TcpClient} named
 * {@value #CLIENT} (configured under {@code ipc.tcp.clients}) and returns the server's reply.
 */
@Component
public class IngestForwarder {

	/**
	 * The name of the client, as configured under {@code ipc.tcp.clients}.
	 */
	public static final String CLIENT = "ingest";

	private final TcpClients clients;

	/**
	 * Create a new instance.
	 * @param clients the configured TCP clients
	 */
	public IngestForwarder(TcpClients clients) {
		this.clients = clients;
	}

	/**
	 * Send a frame to the ingest server and wait for its reply.
	 * @param text the frame's text
	 * @return the reply, on one line
	 * @throws GatewayException with {@link ErrorCode#FORWARD_FAILED} if there is no reply
	 */
	public String forward(String text) {
		try {
			return Replies.singleLine(this.clients.client(CLIENT).request(text));
		}
		catch (TcpConnectException ex) {
			throw new GatewayException(ErrorCode.FORWARD_FAILED, "cannot connect to " + CLIENT);
		}
		catch (TcpReplyTimeoutException ex) {
			throw new GatewayException(ErrorCode.FORWARD_FAILED,
					"no reply from " + CLIENT + " within " + ex.getTimeout().toMillis() + " ms");
		}
		catch (TcpClientException ex) {
			throw new GatewayException(ErrorCode.FORWARD_FAILED, "the request to " + CLIENT + " failed");
		}
	}

}
