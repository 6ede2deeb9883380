package io.github.ipcboot.shm;

import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.IdleStrategy;
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
 * goes on.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public abstract class ShmChannel {

	/** How long {@link #stop()} waits for the reader thread and for users of the mapping. */
	static final long STOP_WAIT_MILLIS = 5_000;

	/** How often a client looks for its server's file while it is not attached: 20 times a second. */
	private static final long ATTACH_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	/** The most messages one read hands over before the heartbeat is looked at again. */
	private static final int READ_BATCH = 64;

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

	private volatile @Nullable ShmCorruptRecordException corruption;

	private volatile @Nullable ShmMappingException broken;

	private @Nullable ScheduledFuture<?> heartbeats;

	private final PeerWatch peerWatch;

	private long lastAttachAttempt = System.nanoTime() - ATTACH_RETRY_NANOS;

	private @Nullable String lastFailure;

	/**
	 * Create a new instance.
	 * @param settings the settings
	 */
	protected ShmChannel(ShmChannelSettings settings) {
		this.settings = settings;
		this.peerWatch = new PeerWatch(settings, this.stats);
	}

	/**
	 * Attach to the file: the server creates it, a client opens it if it is there.
	 * @return the attachment, or {@code null} to try again later
	 */
	protected abstract @Nullable Attachment attach();

	/**
	 * Handle one message read from the inbound ring (on the reader thread).
	 * @param type the message type
	 * @param correlationId the correlation id
	 * @param body the body
	 */
	protected abstract void onMessage(int type, long correlationId, byte[] body);

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

	private boolean isRecovering() {
		return this.settings.role() == ShmRole.SERVER;
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
		Thread thread = new Thread(this::run, "shm-" + this.settings.name());
		// a server keeps the application running, as a listening socket does; a client does not
		thread.setDaemon(this.settings.role() == ShmRole.CLIENT);
		this.reader = thread;
		thread.start();
		this.heartbeats = HeartbeatTimer.every(this::heartbeat, this.settings.heartbeatInterval().toMillis());
	}

	private void run() {
		IdleStrategy idle = this.settings.idle().newStrategy();
		while (this.running) {
			try {
				step(idle);
			}
			catch (InternalError ex) {
				// a fault on a truncated file is reported late, wherever the thread then is
				markBroken(ex);
			}
		}
	}

	private void step(IdleStrategy idle) {
		int work = 0;
		Attachment attached = this.attachment;
		try {
			if (attached == null && System.nanoTime() - this.lastAttachAttempt >= ATTACH_RETRY_NANOS) {
				this.lastAttachAttempt = System.nanoTime();
				attached = attach();
				this.broken = null;
				this.attachment = attached;
			}
			if (attached != null && this.broken != null) {
				onBroken(attached);
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
			markBroken(ex);
		}
		catch (RuntimeException ex) {
			// once per distinct failure: a client retries a file in the way for as long as it is
			if (!String.valueOf(ex.getMessage()).equals(this.lastFailure)) {
				this.lastFailure = String.valueOf(ex.getMessage());
				this.logger.warn("Shared-memory channel '" + getName() + "': " + ex.getMessage(), ex);
			}
			pause(idle);
		}
		idle.idle(work);
	}

	private int serve(Attachment attached) {
		int work = 0;
		boolean lost;
		try {
			if ((this.corruption == null || isRecovering()) && isReading()) {
				work = attached.reader().read(this::received, READ_BATCH);
			}
		}
		finally {
			// the peer check goes on whatever the reading did
			lost = this.peerWatch.check(attached);
			attached.release();
		}
		if (lost) {
			onPeerLost(attached);
		}
		else if (this.corruption != null && this.peerWatch.isPeerAlive() && isRecovering()) {
			// a new peer, on rings reset when the corrupt one was given up
			this.corruption = null;
		}
		return work;
	}

	private void corrupted(ShmCorruptRecordException ex) {
		this.stats.corruptRecord();
		this.corruption = ex;
		Attachment attached = this.attachment;
		if (attached != null && attached.acquire()) {
			try {
				if (recoverFromCorruption(attached)) {
					this.peerWatch.reset();
					this.logger.error("Shared-memory channel '" + getName() + "' gave up its peer: " + ex.getMessage());
					return;
				}
			}
			finally {
				attached.release();
			}
		}
		this.logger.error("Shared-memory channel '" + getName() + "' stops reading: " + ex.getMessage());
	}

	private void heartbeat() {
		Attachment attached = this.attachment;
		if (attached == null || this.broken != null || !attached.acquire()) {
			return;
		}
		try {
			attached.file().checkLength();
			attached.header().heartbeat(this.settings.role(), System.currentTimeMillis());
		}
		catch (InternalError | ShmMappingException ex) {
			markBroken(ex);
		}
		finally {
			attached.release();
		}
	}

	/**
	 * Stop touching the mapping for good (a server) or until attached again (a client): the file
	 * was truncated under it, and the next access would fault.
	 * @param cause what showed it
	 */
	protected void markBroken(Throwable cause) {
		if (this.broken == null) {
			this.broken = new ShmMappingException("Shared-memory channel '" + getName() + "' stopped using "
					+ this.settings.file() + ": " + cause.getMessage(), cause);
			this.stats.brokenMapping();
			this.logger.error(this.broken.getMessage());
		}
	}

	/**
	 * Called on the reader thread while the mapping is broken; a client drops it and attaches again
	 * later.
	 * @param attached the attachment, not to be touched
	 */
	protected void onBroken(Attachment attached) {
		pause(this.settings.idle().newStrategy());
	}

	/**
	 * Return why the mapping is no longer used, if it is not.
	 * @return the failure, or {@code null}
	 */
	public @Nullable ShmMappingException getBroken() {
		return this.broken;
	}

	private void pause(IdleStrategy idle) {
		long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.settings.heartbeatInterval().toMillis());
		while (this.running && System.nanoTime() < until) {
			idle.idle();
		}
	}

	private void received(int type, long correlationId, byte[] body) {
		this.stats.received(body.length);
		onMessage(type, correlationId, body);
	}

	/**
	 * Return the current attachment.
	 * @return the attachment, or {@code null}
	 */
	protected @Nullable Attachment currentAttachment() {
		return this.attachment;
	}

	/**
	 * Drop the attachment (a client whose server went away attaches again later).
	 * @param attached the attachment
	 */
	protected void forget(Attachment attached) {
		this.attachment = null;
		this.corruption = null;
		attached.close(this.settings.idle().newStrategy(), TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS));
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
		if (body.length > maxBodyLength) {
			throw new ShmMessageTooLargeException("Message of " + body.length + " bytes exceeds the max-message-size of "
					+ maxBodyLength + " bytes of shared-memory channel '" + getName() + "'");
		}
		Attachment attached = this.attachment;
		if (attached == null || !attached.acquire()) {
			throw new ShmPeerUnavailableException("Shared-memory channel '" + getName() + "' is not attached to "
					+ this.settings.file());
		}
		try {
			ShmMappingException failure = this.broken;
			if (failure != null) {
				throw failure;
			}
			checkWritable(attached.header());
			attached.writer().write(type, correlationId, body);
		}
		catch (InternalError ex) {
			markBroken(ex);
			throw Objects.requireNonNull(this.broken);
		}
		finally {
			attached.release();
		}
		this.stats.sent(body.length);
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
			try {
				thread.join(STOP_WAIT_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
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
			attached.close(this.settings.idle().newStrategy(), TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS));
		}
		this.peerWatch.reset();
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
		return this.corruption;
	}

	/**
	 * Return a snapshot of the mapped file's state.
	 * @return the snapshot, or {@code null} when nothing is mapped
	 */
	public @Nullable ShmChannelState getState() {
		Attachment attached = this.attachment;
		if (attached == null || !attached.acquire()) {
			return null;
		}
		try {
			return (this.broken != null) ? null : ShmChannelState.of(attached, this.settings.role());
		}
		catch (InternalError ex) {
			markBroken(ex);
			return null;
		}
		finally {
			attached.release();
		}
	}

}
