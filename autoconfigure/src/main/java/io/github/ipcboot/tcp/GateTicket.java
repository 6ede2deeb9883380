package io.github.ipcboot.tcp;

import java.net.InetAddress;

import io.github.ipcboot.tcp.ConnectionGate.Rejection;
import org.jspecify.annotations.Nullable;

/**
 * The place an admitted connection holds in its server's {@link ConnectionGate}, in all and for its
 * client's address, given back exactly once when the connection closes. A connection from a load
 * balancer that speaks the PROXY protocol holds a place in all only until its client is admitted.
 */
final class GateTicket {

	private final @Nullable ConnectionGate gate;

	/** The client whose place is held; {@code null} while a proxied connection's client is unknown. */
	private @Nullable InetAddress client;

	private boolean released;

	GateTicket(@Nullable ConnectionGate gate, InetAddress client) {
		this.gate = gate;
		this.client = client;
	}

	private GateTicket(ConnectionGate gate) {
		this.gate = gate;
	}

	/**
	 * Return the ticket of a connection that {@link ConnectionGate#admitProxy} admitted.
	 * @param gate the gate
	 * @return a ticket that holds a place in all only
	 */
	static GateTicket proxied(ConnectionGate gate) {
		return new GateTicket(gate);
	}

	/**
	 * Admit the client a proxied connection's header names (see
	 * {@link ConnectionGate#admitProxied}).
	 * @param proxiedClient the client's address
	 * @return {@code null} when admitted, or when the connection has closed meanwhile (nothing is
	 * taken then); else the reason for the rejection
	 */
	synchronized @Nullable Rejection admit(InetAddress proxiedClient) {
		ConnectionGate held = this.gate;
		if (held == null || this.released || this.client != null) {
			return null;
		}
		Rejection rejection = held.admitProxied(proxiedClient);
		if (rejection == null) {
			this.client = proxiedClient;
		}
		return rejection;
	}

	synchronized void release() {
		ConnectionGate held = this.gate;
		if (held == null || this.released) {
			return;
		}
		this.released = true;
		InetAddress admitted = this.client;
		if (admitted != null) {
			held.release(admitted);
		}
		else {
			held.releaseProxy();
		}
	}

}
