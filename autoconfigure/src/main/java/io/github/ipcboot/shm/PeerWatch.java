package io.github.ipcboot.shm;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The heartbeat of one side and its watch on the other, run by the channel's reader thread: every
 * {@code heartbeat-interval} it writes this side's heartbeat and checks the peer (its process
 * exists, its heartbeat is younger than {@code peer-timeout}, and a server has not closed), logging
 * and counting the change when the peer comes or goes. The heartbeats in the file are wall-clock
 * times (the peer process reads them); when the next check is due is counted on the monotonic
 * clock, so that a step of the wall clock neither suspends the checks nor hurries them.
 */
final class PeerWatch {

	private static final Log logger = LogFactory.getLog(PeerWatch.class);

	private final ShmChannelSettings settings;

	private final ShmStats stats;

	private final ShmRole peer;

	private final long pid = ProcessHandle.current().pid();

	private final LongSupplier wallClock;

	private final LongSupplier nanoClock;

	private boolean checked;

	private long nextCheckNanos;

	private volatile boolean peerAlive;

	PeerWatch(ShmChannelSettings settings, ShmStats stats) {
		this(settings, stats, System::currentTimeMillis, System::nanoTime);
	}

	/**
	 * Create a watch on given clocks (tests step them).
	 * @param settings the settings
	 * @param stats the counts
	 * @param wallClock the epoch milliseconds written as heartbeats and compared with the peer's
	 * @param nanoClock the monotonic nanoseconds that schedule the checks
	 */
	PeerWatch(ShmChannelSettings settings, ShmStats stats, LongSupplier wallClock, LongSupplier nanoClock) {
		this.wallClock = wallClock;
		this.nanoClock = nanoClock;
		this.settings = settings;
		this.stats = stats;
		this.peer = peerOf(settings.role());
	}

	static ShmRole peerOf(ShmRole role) {
		return (role == ShmRole.SERVER) ? ShmRole.CLIENT : ShmRole.SERVER;
	}

	/**
	 * Write the heartbeat and check the peer when the interval has passed.
	 * @param attached the attachment, in use by the caller
	 * @return whether the peer is to be given up: it was alive and is gone (a client also gives up
	 * a server that has not shown alive since it attached; a server gives up any client pid whose
	 * process is gone or whose heartbeat is stale, seen alive or not)
	 */
	boolean check(Attachment attached) {
		long nanos = this.nanoClock.getAsLong();
		if (this.checked && nanos - this.nextCheckNanos < 0) {
			return false;
		}
		this.checked = true;
		this.nextCheckNanos = nanos + TimeUnit.MILLISECONDS.toNanos(this.settings.heartbeatInterval().toMillis());
		long now = this.wallClock.getAsLong();
		ShmHeader header = attached.header();
		header.heartbeat(this.settings.role(), now);
		boolean alive = header.isAlive(this.peer, now, this.settings.peerTimeout().toMillis())
				&& (this.peer == ShmRole.CLIENT || header.serverState() != ShmLayout.STATE_CLOSED);
		String name = this.settings.name();
		if (alive && !this.peerAlive) {
			logger.info("Shared-memory channel '" + name + "': the " + this.peer.name().toLowerCase() + ", process "
					+ header.pid(this.peer) + ", is attached");
		}
		else if (!alive && this.peerAlive) {
			this.stats.peerLost();
			logger.warn("Shared-memory channel '" + name + "': the " + this.peer.name().toLowerCase() + ", process "
					+ header.pid(this.peer) + ", is gone (heartbeat " + (now - header.heartbeat(this.peer)) + " ms old)");
		}
		boolean lost = !alive && (this.peerAlive || this.peer == ShmRole.SERVER || header.pid(ShmRole.CLIENT) != 0);
		if (this.peer == ShmRole.SERVER && alive && header.pid(ShmRole.CLIENT) != this.pid) {
			// the server took this client for gone (it was starved past peer-timeout): attach again
			logger.warn("Shared-memory channel '" + name + "': the server took this client for gone; attaching again");
			lost = true;
		}
		this.peerAlive = alive;
		return lost;
	}

	boolean isPeerAlive() {
		return this.peerAlive;
	}

	void reset() {
		this.peerAlive = false;
		this.checked = false;
	}

}
