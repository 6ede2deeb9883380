package io.github.ipcboot.tcp;

import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;

/**
 * A NIO server factory that stops without the {@code ClosedSelectorException} Spring Integration
 * logs at ERROR: its stop closes the selector while the factory is still active, so the selector
 * thread takes the closed selector for a failure. Inactive first (the thread then ends quietly),
 * and the connections closed before the selector (a read in progress then leaves their keys
 * alone), as the NIO client factory of {@link ClientConnectionFactories} does.
 */
final class QuietlyStoppingNioServerFactory extends TcpNioServerConnectionFactory {

	QuietlyStoppingNioServerFactory(int port) {
		super(port);
	}

	@Override
	public void stop() {
		setActive(false);
		for (String id : getOpenConnectionIds()) {
			closeConnection(id);
		}
		super.stop();
	}

}
