package io.github.ipcboot.shm;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.IdleStrategy;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

/**
 * The body of a channel's reader thread: while the channel runs, it attaches (a client retries 20
 * times a second until its server's file is there), reads the inbound ring in batches with the
 * channel's idle strategy, has the peer checked after every read, and handles what goes wrong: a
 * record that fails the reader's checks (a server gives up its client, a client stops reading), a
 * mapping truncated under it, and any other failure (logged once per distinct message, then a
 * pause of one heartbeat interval).
 */
final class ChannelReadLoop {

	/** How often a client looks for its server's file while it is not attached: 20 times a second. */
	private static final long ATTACH_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	/** The most messages one read hands over before the heartbeat is looked at again. */
	private static final int READ_BATCH = 64;

	private final ShmChannel channel;

	private final ShmChannelSettings settings;

	private final ShmStats stats;

	private final PeerWatch peerWatch;

	private final ChannelFaults faults;

	private final Log logger;

	private long lastAttachAttempt = System.nanoTime() - ATTACH_RETRY_NANOS;

	private @Nullable String lastFailure;

	ChannelReadLoop(ShmChannel channel, PeerWatch peerWatch, ChannelFaults faults, Log logger) {
		this.channel = channel;
		this.settings = channel.getSettings();
		this.stats = channel.getStats();
		this.peerWatch = peerWatch;
		this.faults = faults;
		this.logger = logger;
	}

	/**
	 * Read until the channel stops or another reader thread replaced this one (a restart while a
	 * listener call outlasted the stop).
	 */
	void run() {
		IdleStrategy idle = this.settings.idle().newStrategy();
		while (this.channel.ownsReading()) {
			try {
				step(idle);
			}
			catch (InternalError ex) {
				// a fault on a truncated file is reported late, wherever the thread then is
				this.channel.markBroken(ex);
			}
		}
	}

	private void step(IdleStrategy idle) {
		int work = 0;
		Attachment attached = this.channel.currentAttachment();
		try {
			if (attached == null && System.nanoTime() - this.lastAttachAttempt >= ATTACH_RETRY_NANOS) {
				this.lastAttachAttempt = System.nanoTime();
				attached = this.channel.attach();
				this.faults.clearBroken();
				this.channel.attached(attached);
			}
			if (attached != null && this.faults.broken() != null) {
				this.channel.onBroken(attached);
			}
			else if (attached != null && attached.acquire()) {
				work = serve(attached);
			}
		}
		catch (ShmCorruptRecordException ex) {
			corrupted(ex);
		}
		catch (ShmMappingException ex) {
			// the file was truncated under the mapping: nothing more may touch it
			this.channel.markBroken(ex);
		}
		catch (RuntimeException ex) {
			// once per distinct failure: a client retries a file in the way for as long as it is
			if (!String.valueOf(ex.getMessage()).equals(this.lastFailure)) {
				this.lastFailure = String.valueOf(ex.getMessage());
				this.logger.warn("Shared-memory channel '" + this.settings.name() + "': " + ex.getMessage(), ex);
			}
			pause(idle);
		}
		idle.idle(work);
	}

	private int serve(Attachment attached) {
		int work = 0;
		boolean lost;
		try {
			if ((this.faults.corruption() == null || isRecovering()) && this.channel.isReading()) {
				work = attached.reader().read((type, correlationId, body) -> received(attached, type, correlationId, body),
						READ_BATCH, this.channel::ownsReading);
			}
		}
		finally {
			// the peer check goes on whatever the reading did, unless this thread was stopped or replaced
			lost = this.channel.ownsReading() && this.peerWatch.check(attached);
			attached.release();
		}
		if (!this.channel.ownsReading()) {
			return work;
		}
		if (lost) {
			this.channel.onPeerLost(attached);
		}
		else if (this.faults.corruption() != null && this.peerWatch.isPeerAlive() && isRecovering()) {
			// a new peer, on rings reset when the corrupt one was given up
			this.faults.corrupted(null);
		}
		return work;
	}

	private boolean isRecovering() {
		return this.settings.role() == ShmRole.SERVER;
	}

	private void corrupted(ShmCorruptRecordException ex) {
		this.stats.corruptRecord();
		this.faults.corrupted(ex);
		Attachment attached = this.channel.currentAttachment();
		if (attached != null && attached.acquire()) {
			try {
				if (this.channel.recoverFromCorruption(attached)) {
					this.peerWatch.reset();
					this.logger.error("Shared-memory channel '" + this.settings.name() + "' gave up its peer: "
							+ ex.getMessage());
					return;
				}
			}
			finally {
				attached.release();
			}
		}
		this.logger.error("Shared-memory channel '" + this.settings.name() + "' stops reading: " + ex.getMessage());
	}

	private void received(Attachment attached, int type, long correlationId, byte[] body) {
		this.stats.received(body.length);
		this.channel.onMessage(attached, type, correlationId, body);
	}

	/**
	 * Idle for one heartbeat interval, or until the channel stops.
	 * @param idle the idle strategy
	 */
	void pause(IdleStrategy idle) {
		long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.settings.heartbeatInterval().toMillis());
		while (this.channel.ownsReading() && System.nanoTime() < until) {
			idle.idle();
		}
	}

}
