package io.github.ipcboot.tcp.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Reads the connection meters of one TCP client in tests.
 */
final class ClientMeters {

	private ClientMeters() {
	}

	/**
	 * Return how many connections of a client closed for a reason.
	 */
	static double closed(MeterRegistry registry, String client, String reason) {
		return registry.get("ipc.tcp.connections.closed")
			.tags("name", client, "side", "client", "reason", reason)
			.counter()
			.count();
	}

	/**
	 * Return how many frames a client has read whole.
	 */
	static double framesReceived(MeterRegistry registry, String client) {
		return registry.get("ipc.tcp.frames.received").tags("name", client, "side", "client").counter().count();
	}

}
