package io.github.ipcboot.shm;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One side of a configured channel: a reader thread ({@code shm-<name>}, which keeps the JVM
 * running for a server as a listening socket does) that reads the inbound
 * ring with the channel's idle strategy, writes this side's heartbeat every
 * {@code heartbeat-interval} and checks the peer's (its process exists, its heartbeat is younger
 * than {@code peer-timeout}). A record that fails the reader's checks makes a server give up its
 * client (the rings are reset, the next client starts clean; the channel reports itself corrupt
 * until that one is attached) and stops a client's reading until it attaches again; the heartbeat
 * goes on. The reader thread runs a {@link ChannelReadLoop}; writes, heartbeats and snapshots from
 * other threads go through a {@link GuardedMapping}; the faults are kept in {@link ChannelFaults}.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public abstract class ShmChannel {

	/** How long {@link #stop()} waits for the reader thread and for users of the mapping. */
	static final long STOP_WAIT_MILLIS = 5_000;

	/** How long this channel's {@link #stop()} waits (shorter in tests). */
	long stopWaitMillis = STOP_WAIT_MILLIS;

	private final Log logger = LogFactory.getLog(getClass());

	/** The settings. */
	protected final ShmChannelSettings settings;

	/** The counts. */
	protected final ShmStats stats = new ShmStats();

	/** This process's id, written into the header. */
	protected final long pid = ProcessHandle.current().pid();

	private volatile @Nullable Attachment attachment;

	private volatile @Nullable Thread reader;

	private volatile boolean running;

	private @Nullable ScheduledFuture<?> heartbeats;

	private final PeerWatch peerWatch;

	private final ChannelFaults faults;

	private final ChannelReadLoop readLoop;

	private final GuardedMapping mapping;

	/**
	 * Create a new instance.
	 * @param settings the settings
	 */
	protected ShmChannel(ShmChannelSettings settings) {
		this.settings = settings;
		this.peerWatch = new PeerWatch(settings, this.stats);
		this.faults = new ChannelFaults(settings, this.stats, this.logger);
		this.readLoop = new ChannelReadLoop(this, this.peerWatch, this.faults, this.logger);
		this.mapping = new GuardedMapping(this, this.faults);
	}

	/**
	 * Attach to the file: the server creates it, a client opens it if it is there.
	 * @return the attachment, or {@code null} to try again later
	 */
	protected abstract @Nullable Attachment attach();

	/**
	 * Handle one message read from the inbound ring (on the reader thread).
	 * @param from the attachment it was read from (a reply goes there, not to a later one)
	 * @param type the message type
	 * @param correlationId the correlation id
	 * @param body the body
	 */
	protected abstract void onMessage(Attachment from, int type, long correlationId, byte[] body);

	/**
	 * Called on the reader thread when the peer was alive and is found gone.
	 * @param attached the attachment
	 */
	protected abstract void onPeerLost(Attachment attached);

	/**
	 * Called on the reader thread when a record failed the reader's checks.
	 * @param attached the attachment, in use
	 * @return whether the peer was given up and reading goes on with the next one (the corruption
	 * stays reported until that one is alive); {@code false} stops the reading
	 */
	protected boolean recoverFromCorruption(Attachment attached) {
		return false;
	}

	/**
	 * Write this side's final state into the header, and remove what it owns, on a clean stop.
	 * @param attached the attachment, still mapped
	 */
	protected abstract void detach(Attachment attached);

	/**
	 * Return whether the inbound ring is read now.
	 * @return whether it is (not while draining)
	 */
	protected abstract boolean isReading();

	/**
	 * Start the reader thread; a server creates its file first, so that start-up fails on a file in
	 * the way.
	 */
	public synchronized void start() {
		if (this.running) {
			return;
		}
		AgronaAccess.check(getName());
		this.running = true;
		if (this.settings.role() == ShmRole.SERVER) {
			this.attachment = attach();
		}
		Thread thread = new Thread(this.readLoop::run, "shm-" + this.settings.name());
		// a server keeps the application running, as a listening socket does; a client does not
		thread.setDaemon(this.settings.role() == ShmRole.CLIENT);
		this.reader = thread;
		thread.start();
		this.heartbeats = HeartbeatTimer.every(this.mapping::heartbeat, this.settings.heartbeatInterval().toMillis());
	}

	/**
	 * Stop touching the mapping for good (a server) or until attached again (a client): the file
	 * was truncated under it, and the next access would fault.
	 * @param cause what showed it
	 */
	protected void markBroken(Throwable cause) {
		this.faults.markBroken(cause);
	}

	/**
	 * Called on the reader thread while the mapping is broken; a client drops it and attaches again
	 * later.
	 * @param attached the attachment, not to be touched
	 */
	protected void onBroken(Attachment attached) {
		this.readLoop.pause(this.settings.idle().newStrategy());
	}

	/**
	 * Return why the mapping is no longer used, if it is not.
	 * @return the failure, or {@code null}
	 */
	public @Nullable ShmMappingException getBroken() {
		return this.faults.broken();
	}

	/**
	 * Return the current attachment.
	 * @return the attachment, or {@code null}
	 */
	protected @Nullable Attachment currentAttachment() {
		return this.attachment;
	}

	/**
	 * Use a new attachment (the reader thread's attach).
	 * @param attached the attachment, or {@code null} when there was none to make
	 */
	void attached(@Nullable Attachment attached) {
		this.attachment = attached;
	}

	/**
	 * Drop the attachment (a client whose server went away attaches again later).
	 * @param attached the attachment
	 */
	protected void forget(Attachment attached) {
		this.attachment = null;
		this.faults.corrupted(null);
		attached.close(this.settings.idle().newStrategy(), TimeUnit.MILLISECONDS.toNanos(this.stopWaitMillis));
	}

	/**
	 * Write a message to the outbound ring.
	 * @param type the message type
	 * @param correlationId the correlation id
	 * @param body the body
	 * @param maxBodyLength the largest body allowed
	 * @throws ShmPeerUnavailableException if there is no mapping to write to
	 */
	protected void write(int type, long correlationId, byte[] body, int maxBodyLength) {
		this.mapping.write(currentAttachment(), type, correlationId, body, maxBodyLength);
	}

	/**
	 * Write a message to the outbound ring of a given attachment (a reply to a message read from
	 * it: if the channel was stopped meanwhile that attachment is closed, and the reply fails rather
	 * than reaching a client of a later start).
	 * @param to the attachment
	 * @param type the message type
	 * @param correlationId the correlation id
	 * @param body the body
	 * @param maxBodyLength the largest body allowed
	 * @throws ShmPeerUnavailableException if that attachment is closed
	 */
	protected void write(Attachment to, int type, long correlationId, byte[] body, int maxBodyLength) {
		this.mapping.write(to, type, correlationId, body, maxBodyLength);
	}

	/**
	 * Check, before a write, whether the peer takes messages now.
	 * @param header the header of the mapped file
	 * @throws ShmPeerUnavailableException if it does not
	 */
	protected void checkWritable(ShmHeader header) {
	}

	/**
	 * Stop the reader thread, write the final state, and unmap the file (a server also removes it).
	 */
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		ScheduledFuture<?> timer = this.heartbeats;
		if (timer != null) {
			timer.cancel(false);
		}
		Thread thread = this.reader;
		if (thread != null && thread != Thread.currentThread()) {
			awaitReader(thread);
		}
		Attachment attached = this.attachment;
		this.attachment = null;
		if (attached != null) {
			try {
				detach(attached);
			}
			catch (InternalError | ShmMappingException ex) {
				markBroken(ex);
				this.logger.warn("Shared-memory channel '" + getName() + "' could not write its final state: " + ex);
			}
			attached.close(this.settings.idle().newStrategy(), TimeUnit.MILLISECONDS.toNanos(this.stopWaitMillis));
		}
		this.peerWatch.reset();
	}

	private void awaitReader(Thread thread) {
		try {
			thread.join(this.stopWaitMillis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (thread.isAlive()) {
			// a listener call outlasts the stop: the thread ends when it returns and reads nothing more
			thread.interrupt();
			this.logger.warn("Shared-memory channel '" + getName() + "' stopped while its reader thread " + thread.getName()
					+ " is still busy after " + this.stopWaitMillis + " ms (a listener call that has not returned); "
					+ "it was interrupted, and when the call returns it reads nothing more and its reply is dropped");
		}
	}

	/**
	 * Return whether the calling thread is the reader thread of the channel's current start: a
	 * reader left behind by a stop (its listener call outlasted it) ends, and touches the ring no
	 * more, once its call returns, even when the channel was started again meanwhile.
	 * @return whether it is
	 */
	boolean ownsReading() {
		return this.running && this.reader == Thread.currentThread();
	}

	/**
	 * Return the configured name.
	 * @return the name
	 */
	public String getName() {
		return this.settings.name();
	}

	/**
	 * Return the settings.
	 * @return the settings
	 */
	public ShmChannelSettings getSettings() {
		return this.settings;
	}

	/**
	 * Return the counts since start-up.
	 * @return the counts
	 */
	public ShmStats getStats() {
		return this.stats;
	}

	/**
	 * Return whether the reader thread runs.
	 * @return whether it runs
	 */
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Return whether the file is mapped (a client: found and attached).
	 * @return whether it is
	 */
	public boolean isAttached() {
		return this.attachment != null;
	}

	/**
	 * Return whether the peer was alive at the last check (its process exists and its heartbeat is
	 * fresh).
	 * @return whether it is
	 */
	public boolean isPeerAlive() {
		return this.peerWatch.isPeerAlive();
	}

	/**
	 * Return why reading stopped, if a record failed the reader's checks.
	 * @return the failure, or {@code null}
	 */
	public @Nullable ShmCorruptRecordException getCorruption() {
		return this.faults.corruption();
	}

	/**
	 * Return a snapshot of the mapped file's state.
	 * @return the snapshot, or {@code null} when nothing is mapped
	 */
	public @Nullable ShmChannelState getState() {
		return this.mapping.state();
	}

}
