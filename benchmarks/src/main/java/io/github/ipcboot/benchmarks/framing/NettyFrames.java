package io.github.ipcboot.benchmarks.framing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * Drives a Netty frame decoder the way a Netty server does: 8 KiB buffers go into the pipeline
 * (with Netty's cumulation of partial frames) and decoded frames come out one at a time.
 */
final class NettyFrames {

	private final EmbeddedChannel channel;

	private final byte[] data;

	private int position;

	NettyFrames(ChannelHandler decoder, byte[] data) {
		this.channel = new EmbeddedChannel(decoder);
		this.data = data;
	}

	/**
	 * Return the next decoded frame; the caller releases it.
	 */
	ByteBuf next() {
		ByteBuf frame = this.channel.readInbound();
		while (frame == null) {
			if (this.position == this.data.length) {
				this.position = 0;
			}
			int n = Math.min(StreamData.READ_SIZE, this.data.length - this.position);
			this.channel.writeInbound(Unpooled.wrappedBuffer(this.data, this.position, n));
			this.position += n;
			frame = this.channel.readInbound();
		}
		return frame;
	}

	/**
	 * Take the next decoded frame as Netty hands it out (a slice of its buffer), note its length
	 * and release it.
	 */
	int nextLength() {
		ByteBuf frame = next();
		int length = frame.readableBytes();
		frame.release();
		return length;
	}

	void close() {
		this.channel.finishAndReleaseAll();
	}

}
