package io.github.ipcboot.shm;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests of a client waiting for their replies, by correlation id: ids count up from a
 * random 62-bit start, unique for the life of the client and, with overwhelming likelihood, unlike
 * the ids of the client process before it (a reply left over from that one matches nothing); a
 * reply completes only the request with its id, so a late reply to a request that timed out is
 * dropped instead of being taken for the next one's.
 */
final class PendingReplies {

	private final AtomicLong nextId = new AtomicLong(firstId());

	private final Map<Long, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();

	/**
	 * Return a random start for the ids: positive, 62 bits, so that counting up never reaches
	 * {@link Long#MAX_VALUE} or 0 (the id of a send).
	 * @return the start
	 */
	static long firstId() {
		return new SecureRandom().nextLong() >>> 2;
	}

	long register(CompletableFuture<byte[]> future) {
		long id = this.nextId.incrementAndGet();
		this.pending.put(id, future);
		future.whenComplete((reply, ex) -> this.pending.remove(id, future));
		return id;
	}

	/**
	 * Complete the request with an id.
	 * @param correlationId the id
	 * @param reply the reply
	 * @return whether a request waited for it
	 */
	boolean complete(long correlationId, byte[] reply) {
		CompletableFuture<byte[]> future = this.pending.remove(correlationId);
		return future != null && future.complete(reply);
	}

	boolean fail(long correlationId, Throwable failure) {
		CompletableFuture<byte[]> future = this.pending.remove(correlationId);
		return future != null && future.completeExceptionally(failure);
	}

	void failAll(Throwable failure) {
		this.pending.values().forEach((future) -> future.completeExceptionally(failure));
		this.pending.clear();
	}

	int size() {
		return this.pending.size();
	}

}
