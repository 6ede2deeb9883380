package io.github.ipcboot.shm;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a channel does with its mapping outside the reader thread: write a message, write its
 * heartbeat, take a snapshot of the file's state. Each holds the attachment while it works (so
 * that the file is not unmapped under it) and marks the mapping broken on a fault, after which
 * nothing touches it.
 */
final class GuardedMapping {

	private final ShmChannel channel;

	private final ChannelFaults faults;

	GuardedMapping(ShmChannel channel, ChannelFaults faults) {
		this.channel = channel;
		this.faults = faults;
	}

	/**
	 * Write a message to the outbound ring.
	 * @param attached the attachment to write to, or {@code null} when there is none
	 * @param type the message type
	 * @param correlationId the correlation id
	 * @param body the body
	 * @param maxBodyLength the largest body allowed
	 */
	void write(@Nullable Attachment attached, int type, long correlationId, byte[] body, int maxBodyLength) {
		String name = this.channel.getName();
		if (body.length > maxBodyLength) {
			throw new ShmMessageTooLargeException("Message of " + body.length + " bytes exceeds the max-message-size of "
					+ maxBodyLength + " bytes of shared-memory channel '" + name + "'");
		}
		if (attached == null || !attached.acquire()) {
			throw new ShmPeerUnavailableException("Shared-memory channel '" + name + "' is not attached to "
					+ this.channel.getSettings().file());
		}
		try {
			ShmMappingException failure = this.faults.broken();
			if (failure != null) {
				throw failure;
			}
			this.channel.checkWritable(attached.header());
			attached.writer().write(type, correlationId, body);
		}
		catch (InternalError ex) {
			this.channel.markBroken(ex);
			throw Objects.requireNonNull(this.faults.broken());
		}
		finally {
			attached.release();
		}
		this.channel.getStats().sent(body.length);
	}

	/**
	 * Write this side's heartbeat into the header, unless nothing is mapped or the mapping is
	 * broken; a file found shorter than its mapping breaks it.
	 */
	void heartbeat() {
		Attachment attached = this.channel.currentAttachment();
		if (attached == null || this.faults.broken() != null || !attached.acquire()) {
			return;
		}
		try {
			attached.file().checkLength();
			attached.header().heartbeat(this.channel.getSettings().role(), System.currentTimeMillis());
		}
		catch (InternalError | ShmMappingException ex) {
			this.channel.markBroken(ex);
		}
		finally {
			attached.release();
		}
	}

	/**
	 * Return a snapshot of the mapped file's state.
	 * @return the snapshot, or {@code null} when nothing is mapped or the mapping is broken
	 */
	@Nullable ShmChannelState state() {
		Attachment attached = this.channel.currentAttachment();
		if (attached == null || !attached.acquire()) {
			return null;
		}
		try {
			return (this.faults.broken() != null) ? null
					: ShmChannelState.of(attached, this.channel.getSettings().role());
		}
		catch (InternalError ex) {
			this.channel.markBroken(ex);
			return null;
		}
		finally {
			attached.release();
		}
	}

}
