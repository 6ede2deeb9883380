package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.nio.channels.Selector;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.AbstractConnectionFactory;

/**
 * The stop of a Unix socket connection factory without the errors Spring Integration logs when
 * its selector closes under connections still open: the factory is made inactive by its caller
 * first (the selector thread then ends quietly), then the connections close before the selector
 * (a read in progress then leaves their keys alone), as the starter's TCP NIO factories stop.
 */
final class FactoryStop {

	private static final Log logger = LogFactory.getLog(FactoryStop.class);

	private FactoryStop() {
	}

	/**
	 * Close the connections of an inactive factory, then its selector.
	 * @param factory the factory, already inactive
	 * @param selector its selector, or {@code null} when it has none
	 */
	static void closeConnectionsThenSelector(AbstractConnectionFactory factory, @Nullable Selector selector) {
		for (String id : factory.getOpenConnectionIds()) {
			factory.closeConnection(id);
		}
		if (selector != null) {
			try {
				selector.close();
			}
			catch (IOException ex) {
				logger.debug("Error closing the selector of " + factory, ex);
			}
		}
	}

}
