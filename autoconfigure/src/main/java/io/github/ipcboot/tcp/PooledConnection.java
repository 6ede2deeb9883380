package io.github.ipcboot.tcp;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.messaging.support.GenericMessage;

/**
 * One client connection of a {@link TcpClient}'s pool, carrying at most one request at a time.
 */
final class PooledConnection {

	private final TcpConnection connection;

	private volatile @Nullable CompletableFuture<byte[]> pending;

	PooledConnection(TcpConnection connection) {
		this.connection = connection;
	}

	String id() {
		return this.connection.getConnectionId();
	}

	boolean isOpen() {
		return this.connection.isOpen();
	}

	CompletableFuture<byte[]> expectReply() {
		CompletableFuture<byte[]> reply = new CompletableFuture<>();
		this.pending = reply;
		return reply;
	}

	void clearPending() {
		this.pending = null;
	}

	void send(byte[] frame) {
		this.connection.send(new GenericMessage<>(frame));
	}

	/**
	 * A frame arrived: the reply to the pending request.
	 * @return whether a request was waiting for it
	 */
	boolean onFrame(byte[] frame) {
		CompletableFuture<byte[]> reply = this.pending;
		this.pending = null;
		return reply != null && reply.complete(frame);
	}

	void onClosed() {
		CompletableFuture<byte[]> reply = this.pending;
		if (reply != null) {
			reply.completeExceptionally(
					new TcpClientException("Connection " + id() + " closed before the reply arrived"));
		}
	}

	void close() {
		this.connection.close();
	}

}
