package io.github.ipcboot.tcp;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * The place an admitted connection holds in its server's {@link ConnectionGate}, given back
 * exactly once when the connection closes.
 */
final class GateTicket {

	private final @Nullable ConnectionGate gate;

	private final AtomicBoolean released = new AtomicBoolean();

	GateTicket(@Nullable ConnectionGate gate) {
		this.gate = gate;
	}

	void release() {
		ConnectionGate held = this.gate;
		if (held != null && this.released.compareAndSet(false, true)) {
			held.release();
		}
	}

}
