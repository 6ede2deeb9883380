package io.github.ipcboot.tcp.actuate;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The context of the {@code ipc.tcp.handler} observation: one call of a server's
 * {@link io.github.ipcboot.tcp.TcpListener} method for one frame.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class TcpHandlerObservationContext extends Observation.Context {

	private final String serverName;

	private final String connectionId;

	private final String remoteAddress;

	private volatile @Nullable Outcome outcome;

	/**
	 * Create a new instance.
	 * @param serverName the configured name of the server
	 * @param connectionId the id of the connection the frame came from
	 * @param remoteAddress the client's address and port, e.g. {@code 127.0.0.1:50612}
	 */
	public TcpHandlerObservationContext(String serverName, String connectionId, String remoteAddress) {
		this.serverName = serverName;
		this.connectionId = connectionId;
		this.remoteAddress = remoteAddress;
	}

	/**
	 * Return the configured name of the server.
	 * @return the server name
	 */
	public String getServerName() {
		return this.serverName;
	}

	/**
	 * Return the id of the connection the frame came from.
	 * @return the connection id
	 */
	public String getConnectionId() {
		return this.connectionId;
	}

	/**
	 * Return the client's address and port.
	 * @return the remote address
	 */
	public String getRemoteAddress() {
		return this.remoteAddress;
	}

	/**
	 * Return how the call ended.
	 * @return the outcome, or {@code null} while the listener method runs
	 */
	public @Nullable Outcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Set how the call ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(Outcome outcome) {
		this.outcome = outcome;
	}

	/**
	 * How a call of a listener method ended.
	 */
	public enum Outcome {

		/** The method returned. */
		SUCCESS,

		/** The method threw. */
		ERROR

	}

}
