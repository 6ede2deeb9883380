package io.github.ipcboot.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The frames of one request's reply, collected until the request's completion rule accepts one
 * as the last, bounded by a frame count and a byte count (max-reply-frames, max-reply-size).
 * Called by one thread at a time (the connection's reader, in frame order).
 */
final class PendingExchange {

	private final String description;

	private final Predicate<byte[]> last;

	private final int maxFrames;

	private final long maxBytes;

	private long bytes;

	private final List<byte[]> frames = new ArrayList<>(1);

	private final CompletableFuture<List<byte[]>> reply = new CompletableFuture<>();

	/** The frames so far, for a requester that gives up (the list is the reader's). */
	private volatile int count;

	/**
	 * Create the exchange of one request.
	 * @param description the client, for messages
	 * @param last whether a frame is the last of the reply
	 * @param maxFrames the most frames the reply may have
	 * @param maxBytes the most bytes its frames may have together
	 */
	PendingExchange(String description, Predicate<byte[]> last, int maxFrames, long maxBytes) {
		this.description = description;
		this.last = last;
		this.maxFrames = maxFrames;
		this.maxBytes = maxBytes;
	}

	/**
	 * Take the next frame of the reply.
	 * @param frame the frame
	 * @return whether the reply is complete ({@link Progress#DONE}) or has failed
	 */
	Progress add(byte[] frame) {
		this.bytes += frame.length;
		if (this.bytes > this.maxBytes) {
			fail(tooLarge(this.bytes));
			return Progress.TOO_LARGE;
		}
		this.frames.add(frame);
		this.count = this.frames.size();
		boolean done;
		try {
			done = this.last.test(frame);
		}
		catch (RuntimeException ex) {
			fail(new TcpClientException(this.description + ": the reply's completion rule failed on frame "
					+ this.frames.size(), ex));
			return Progress.FAILED;
		}
		if (done) {
			return Progress.DONE;
		}
		if (this.frames.size() >= this.maxFrames) {
			fail(new TcpClientException(this.description + ": the reply was not complete after " + this.maxFrames
					+ " frames (max-reply-frames)"));
			return Progress.TOO_LARGE;
		}
		return Progress.MORE;
	}

	/**
	 * Return the failure of a reply that has (at least) this many bytes.
	 * @param size the bytes received or waiting
	 * @return the failure
	 */
	TcpClientException tooLarge(long size) {
		return new TcpClientException(this.description + ": the reply exceeds " + this.maxBytes
				+ " bytes (max-reply-size); " + size + " bytes of it arrived after " + this.frames.size() + " frames");
	}

	/**
	 * Hand the frames to the requester.
	 */
	void complete() {
		this.reply.complete(List.copyOf(this.frames));
	}

	void fail(Throwable failure) {
		this.reply.completeExceptionally(failure);
	}

	/**
	 * Return the bytes of the reply so far (the reader's view).
	 */
	long bytes() {
		return this.bytes;
	}

	int frameCount() {
		return this.count;
	}

	CompletableFuture<List<byte[]>> reply() {
		return this.reply;
	}

	/**
	 * Where a reply stands after a frame.
	 */
	enum Progress {

		/** More frames are to come. */
		MORE,

		/** The frame was the last. */
		DONE,

		/** The completion rule threw. */
		FAILED,

		/** The reply has more frames or bytes than allowed. */
		TOO_LARGE

	}

}
