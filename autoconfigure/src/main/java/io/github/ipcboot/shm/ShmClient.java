package io.github.ipcboot.shm;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.IdleStrategy;
import org.jspecify.annotations.Nullable;

/**
 * The client side of a channel: attaches to the server's file when it appears (and again after the
 * server was replaced), sends fire-and-forget messages and requests, and reads replies.
 * <pre class="code">
 * shmClients.client("prices").send("tick");
 * String reply = shmClients.client("prices").request("quote EURUSD");
 * </pre>
 * One client process per channel: a second is refused while the first lives. A request waits for
 * its reply with the channel's idle strategy (spinning gives the shortest round trip).
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public class ShmClient extends ShmChannel {

	private final PendingReplies pending = new PendingReplies();

	private volatile boolean draining;

	private volatile int sendLimit;

	/**
	 * Create a new instance.
	 * @param settings the settings, with role client
	 */
	public ShmClient(ShmChannelSettings settings) {
		super(settings);
		this.sendLimit = settings.maxMessageSize();
	}

	@Override
	protected @Nullable Attachment attach() {
		if (!Files.exists(this.settings.file())) {
			return null;
		}
		FileOwnerCheck.check(this.settings, this.settings.file());
		ShmFile file = ShmFile.open(this.settings.file());
		ShmHeader header = file.header();
		long now = System.currentTimeMillis();
		long other = header.pid(ShmRole.CLIENT);
		long timeout = this.settings.peerTimeout().toMillis();
		if (header.serverState() != ShmLayout.STATE_READY || !header.isAlive(ShmRole.SERVER, now, timeout)
				|| (other != 0 && other != this.pid)) {
			// no live server yet, or a client the server has not given up yet (it resets the rings
			// when it does, then writes 0): look again later
			file.close();
			return null;
		}
		header.heartbeat(ShmRole.CLIENT, now);
		if (other == 0 && !header.claimClient(this.pid)) {
			// another client took the place first
			file.close();
			return null;
		}
		// replies left in the reply ring are not this client's
		RingReset.skipToTail(file.replyRing(), false);
		int maxBody = Math.min(this.settings.maxMessageSize(), file.maxMessageSize());
		// the server reads no body larger than its own limit
		this.sendLimit = maxBody;
		String name = "shared-memory channel '" + getName() + "'";
		return new Attachment(file, new RingReader(file.replyRing(), maxBody, "reply ring of " + name),
				new RingWriter(file.requestRing(), this.settings, this.stats, "request ring of " + name));
	}

	@Override
	protected boolean isReading() {
		return true;
	}

	@Override
	protected void onMessage(Attachment from, int type, long correlationId, byte[] body) {
		if (type == ShmLayout.TYPE_REPLY) {
			this.pending.complete(correlationId, body);
		}
		else if (type == ShmLayout.TYPE_ERROR) {
			this.pending.fail(correlationId, new ShmRemoteException("The listener of shared-memory channel '"
					+ getName() + "' failed on request " + correlationId + ": " + new String(body, this.settings.charset())));
		}
		else {
			throw new ShmCorruptRecordException("Corrupt reply ring of shared-memory channel '" + getName()
					+ "': a server sends no message of type " + type);
		}
	}

	@Override
	protected void onBroken(Attachment attached) {
		this.pending.failAll(Objects.requireNonNull(getBroken()));
		forget(attached);
	}

	@Override
	protected void onPeerLost(Attachment attached) {
		this.pending.failAll(new ShmPeerUnavailableException(
				"The server of shared-memory channel '" + getName() + "' went away before it replied"));
		forget(attached);
	}

	/**
	 * Send a fire-and-forget message.
	 * @param message the message
	 * @throws ShmRingFullException if the request ring stays full for {@code full-ring-timeout}
	 * @throws ShmPeerUnavailableException if no live server is attached
	 */
	public void send(byte[] message) {
		write(ShmLayout.TYPE_SEND, 0, message);
	}

	/**
	 * Send a fire-and-forget message, encoded with the channel's charset.
	 * @param message the message
	 */
	public void send(String message) {
		send(message.getBytes(this.settings.charset()));
	}

	/**
	 * Send a request and wait for its reply up to the channel's {@code request-timeout}.
	 * @param message the request
	 * @return the reply
	 * @throws ShmTimeoutException if no reply comes in time
	 * @throws ShmRemoteException if the listener failed
	 */
	public byte[] request(byte[] message) {
		return request(message, this.settings.requestTimeout());
	}

	/**
	 * Send a request, encoded with the channel's charset, and wait for its reply.
	 * @param message the request
	 * @return the reply, decoded
	 */
	public String request(String message) {
		return new String(request(message.getBytes(this.settings.charset())), this.settings.charset());
	}

	/**
	 * Send a request and wait for its reply.
	 * @param message the request
	 * @param timeout how long to wait for the reply
	 * @return the reply
	 */
	public byte[] request(byte[] message, Duration timeout) {
		CompletableFuture<byte[]> reply = sendRequest(message);
		IdleStrategy idle = this.settings.idle().newStrategy();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!reply.isDone() && System.nanoTime() < deadline) {
			idle.idle();
		}
		if (reply.completeExceptionally(timeout(timeout))) {
			this.stats.requestTimeout();
		}
		try {
			return reply.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof ShmException shm) ? shm : new ShmException(ex.getMessage(), ex.getCause());
		}
	}

	/**
	 * Send a request; the future completes with its reply, or exceptionally with a
	 * {@link ShmTimeoutException} after the timeout.
	 * @param message the request
	 * @param timeout how long to wait for the reply
	 * @return the reply to come
	 */
	public CompletableFuture<byte[]> requestAsync(byte[] message, Duration timeout) {
		CompletableFuture<byte[]> reply = sendRequest(message);
		if (!reply.isDone()) {
			CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS).execute(() -> {
				if (reply.completeExceptionally(timeout(timeout))) {
					this.stats.requestTimeout();
				}
			});
		}
		return reply;
	}

	private CompletableFuture<byte[]> sendRequest(byte[] message) {
		CompletableFuture<byte[]> reply = new CompletableFuture<>();
		long id = this.pending.register(reply);
		try {
			write(ShmLayout.TYPE_REQUEST, id, message);
		}
		catch (ShmException ex) {
			reply.completeExceptionally(ex);
		}
		catch (RuntimeException ex) {
			// what the mapped file made Agrona throw: the request is not left waiting
			reply.completeExceptionally(new ShmException("Shared-memory channel '" + getName()
					+ "' could not write request " + id + ": " + ex, ex));
		}
		return reply;
	}

	private ShmTimeoutException timeout(Duration timeout) {
		return new ShmTimeoutException("No reply on shared-memory channel '" + getName() + "' within "
				+ timeout.toMillis() + " ms");
	}

	private void write(int type, long correlationId, byte[] body) {
		if (this.draining) {
			throw new ShmPeerUnavailableException("Shared-memory channel '" + getName() + "' is draining for a shutdown");
		}
		write(type, correlationId, body, this.sendLimit);
	}

	@Override
	protected void checkWritable(ShmHeader header) {
		if (header.serverState() != ShmLayout.STATE_READY) {
			throw new ShmPeerUnavailableException(
					"The server of shared-memory channel '" + getName() + "' is draining or closed");
		}
	}

	/**
	 * Refuse new messages; the requests sent wait for their replies.
	 */
	public void beginDrain() {
		this.draining = true;
	}

	/**
	 * Return the requests waiting for their replies.
	 * @return the count
	 */
	public int getInFlight() {
		return this.pending.size();
	}

	@Override
	protected void detach(Attachment attached) {
		this.pending.failAll(new ShmPeerUnavailableException("Shared-memory channel '" + getName() + "' stopped"));
		if (attached.header().pid(ShmRole.CLIENT) == this.pid) {
			attached.header().pid(ShmRole.CLIENT, 0);
		}
	}

}
