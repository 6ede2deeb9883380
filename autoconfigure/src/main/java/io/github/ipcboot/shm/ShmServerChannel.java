package io.github.ipcboot.shm;

import java.nio.charset.StandardCharsets;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The server side of a channel: creates and owns the file (replacing a stale one), reads the
 * request ring, calls the {@link ShmListener} method, and writes replies to the reply ring. A
 * graceful shutdown marks the file draining (the client stops sending), handles what the client
 * wrote up to then and reads nothing after it; a stop marks it closed and removes it.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public class ShmServerChannel extends ShmChannel {

	private static final Log logger = LogFactory.getLog(ShmServerChannel.class);

	private static final byte[] EMPTY = new byte[0];

	private volatile @Nullable ShmListenerMethod listener;

	private volatile boolean draining;

	private volatile long drainUntil;

	private volatile boolean handling;

	/** Whether a listener failure was logged at WARN since the current client attached. */
	private boolean failureLogged;

	/**
	 * Create a new instance.
	 * @param settings the settings, with role server
	 */
	public ShmServerChannel(ShmChannelSettings settings) {
		super(settings);
	}

	void attach(ShmListenerMethod listener) {
		this.listener = listener;
	}

	@Override
	protected Attachment attach() {
		ShmFile file = ShmFile.create(this.settings, this.pid);
		logger.info("Shared-memory channel '" + getName() + "' serving at " + file.path() + " (rings of "
				+ this.settings.capacity() + " bytes, messages up to " + this.settings.maxMessageSize() + " bytes)");
		String name = "shared-memory channel '" + getName() + "'";
		return new Attachment(file,
				new RingReader(file.requestRing(), this.settings.maxMessageSize(), "request ring of " + name),
				new RingWriter(file.replyRing(), this.settings, this.stats, "reply ring of " + name));
	}

	@Override
	protected boolean isReading() {
		if (!this.draining) {
			return true;
		}
		// what the client wrote before the drain began is still handled
		Attachment attached = currentAttachment();
		return attached != null && attached.reader().headPosition() < this.drainUntil;
	}

	@Override
	protected void onMessage(Attachment from, int type, long correlationId, byte[] body) {
		if (type != ShmLayout.TYPE_SEND && type != ShmLayout.TYPE_REQUEST) {
			throw new ShmCorruptRecordException("Corrupt request ring of shared-memory channel '" + getName()
					+ "': a client sends no message of type " + type);
		}
		ShmListenerMethod method = this.listener;
		boolean request = type == ShmLayout.TYPE_REQUEST;
		this.handling = true;
		try {
			byte[] reply;
			try {
				reply = (method != null) ? method.invoke(body,
						new ShmContext(getName(), correlationId, request, body.length), this.settings.charset()) : null;
			}
			catch (Throwable ex) {
				this.stats.listenerError();
				logFailure(method, body.length, ex);
				if (request) {
					reply(from, ShmLayout.TYPE_ERROR, correlationId, errorText(ex).getBytes(StandardCharsets.UTF_8));
				}
				return;
			}
			if (request) {
				reply(from, ShmLayout.TYPE_REPLY, correlationId, (reply != null) ? reply : EMPTY);
			}
		}
		finally {
			this.handling = false;
		}
	}

	/**
	 * The text of an error record: the exception's simple class name only (as the TCP side's
	 * default error reply), never its message, which may carry what the client must not see.
	 */
	static String errorText(Throwable ex) {
		String type = ex.getClass().getSimpleName();
		return "listener failed: " + (type.isEmpty() ? "Exception" : type);
	}

	/**
	 * Log a listener failure: the first for the current client at WARN with its stack trace, later
	 * ones at DEBUG until another client attaches (all are counted), so that a client whose input
	 * the listener keeps rejecting cannot flood the log.
	 */
	private void logFailure(@Nullable ShmListenerMethod method, int length, Throwable ex) {
		String message = "@ShmListener " + ((method != null) ? method.describe() : "") + " of shared-memory channel '"
				+ getName() + "' failed on a message of " + length + " bytes";
		if (!this.failureLogged) {
			this.failureLogged = true;
			logger.warn(message + " (later failures until another client attaches are logged at DEBUG)", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message, ex);
		}
	}

	private void reply(Attachment to, int type, long correlationId, byte[] body) {
		try {
			if (body.length > this.settings.maxMessageSize()) {
				this.stats.listenerError();
				body = ("reply of " + body.length + " bytes exceeds the max-message-size of "
						+ this.settings.maxMessageSize() + " bytes").getBytes(StandardCharsets.UTF_8);
				type = ShmLayout.TYPE_ERROR;
			}
			write(to, type, correlationId, body, this.settings.maxMessageSize());
		}
		catch (ShmException ex) {
			logger.warn("Shared-memory channel '" + getName() + "' could not reply to request " + correlationId + ": "
					+ ex.getMessage());
		}
	}

	@Override
	protected void onPeerLost(Attachment attached) {
		this.failureLogged = false;
		// what the old client wrote and what it did not read is dropped, then a new client may attach
		long dropped = RingReset.skipToTail(attached.file().requestRing(), true)
				+ RingReset.skipToTail(attached.file().replyRing(), true);
		if (dropped > 0) {
			logger.info("Shared-memory channel '" + getName() + "' dropped " + dropped
					+ " bytes of records of its previous client");
		}
		attached.header().pid(ShmRole.CLIENT, 0);
	}

	@Override
	protected boolean recoverFromCorruption(Attachment attached) {
		// the client that wrote it is given up; the next one starts on clean rings
		onPeerLost(attached);
		return true;
	}

	/**
	 * Tell the client to send nothing new (state draining), handle what it wrote up to now (the
	 * request ring up to its tail at this moment), and read nothing after it.
	 */
	public void beginDrain() {
		Attachment attached = currentAttachment();
		if (attached != null && attached.acquire()) {
			try {
				attached.header().serverState(ShmLayout.STATE_DRAINING);
				// a record the client claimed before it saw the state is below this tail
				this.drainUntil = attached.reader().tailPosition();
			}
			catch (InternalError ex) {
				markBroken(ex);
			}
			finally {
				attached.release();
			}
		}
		this.draining = true;
	}

	/**
	 * Return whether the channel drains for a graceful shutdown.
	 * @return whether it does
	 */
	public boolean isDraining() {
		return this.draining;
	}

	/**
	 * Return the requests being handled.
	 * @return 1 while the listener runs, else 0
	 */
	public int getInFlight() {
		return this.handling ? 1 : 0;
	}

	@Override
	protected void detach(Attachment attached) {
		if (getBroken() == null) {
			attached.header().serverState(ShmLayout.STATE_CLOSED);
		}
		// only the file this server created: another server may have replaced it at the path
		if (attached.file().isAtPath()) {
			ShmFile.deleteQuietly(attached.file().path());
		}
	}

}
