package io.github.ipcboot.tcp;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * The place an admitted connection holds in its server's {@link ConnectionGate}, in all and for its
 * client's address, given back exactly once when the connection closes.
 */
final class GateTicket {

	private final @Nullable ConnectionGate gate;

	private final InetAddress client;

	private final AtomicBoolean released = new AtomicBoolean();

	GateTicket(@Nullable ConnectionGate gate, InetAddress client) {
		this.gate = gate;
		this.client = client;
	}

	void release() {
		ConnectionGate held = this.gate;
		if (held != null && this.released.compareAndSet(false, true)) {
			held.release(this.client);
		}
	}

}
