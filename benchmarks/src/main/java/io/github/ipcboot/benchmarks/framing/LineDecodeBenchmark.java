package io.github.ipcboot.benchmarks.framing;

import java.io.IOException;

import io.github.ipcboot.framing.FrameCodec;
import io.github.ipcboot.framing.FrameInputStream;
import io.github.ipcboot.framing.Framing;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.LineBasedFrameDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.integration.ip.tcp.serializer.ByteArrayCrLfSerializer;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLfSerializer;

/**
 * Decode throughput of CRLF-terminated lines delivered in 8 KiB reads: one operation decodes one
 * frame. The starter's {@code line} and {@code crlf} codecs against Spring Integration's CRLF and
 * LF serializers and Netty's {@link LineBasedFrameDecoder}.
 */
@State(Scope.Thread)
public class LineDecodeBenchmark extends ThroughputSettings {

	/** Payload bytes per frame; CRLF follows each. */
	@Param({ "64", "1024" })
	int frameSize;

	private final FrameCodec line = Framing.line().createCodec();

	private final FrameCodec crlf = Framing.crlf().createCodec();

	private final ByteArrayCrLfSerializer springCrLf = new ByteArrayCrLfSerializer();

	private final ByteArrayLfSerializer springLf = new ByteArrayLfSerializer();

	private FrameInputStream lineStream;

	private FrameInputStream crlfStream;

	private ReplayInputStream springCrLfStream;

	private ReplayInputStream springLfStream;

	private NettyFrames netty;

	private NettyFrames nettyToBytes;

	@Setup
	public void setUp() {
		byte[] data = StreamData.frames(this.frameSize, new byte[] { '\r', '\n' });
		this.lineStream = frameStream(data);
		this.crlfStream = frameStream(data);
		this.springCrLfStream = replay(data);
		this.springLfStream = replay(data);
		this.netty = new NettyFrames(new LineBasedFrameDecoder(64 * 1024), data);
		this.nettyToBytes = new NettyFrames(new LineBasedFrameDecoder(64 * 1024), data);
	}

	@TearDown
	public void tearDown() {
		this.netty.close();
		this.nettyToBytes.close();
	}

	@Benchmark
	public byte[] ipcLine() throws IOException {
		return this.line.deserialize(this.lineStream);
	}

	@Benchmark
	public byte[] ipcCrlf() throws IOException {
		return this.crlf.deserialize(this.crlfStream);
	}

	@Benchmark
	public byte[] springIntegrationCrLf() throws IOException {
		return this.springCrLf.deserialize(this.springCrLfStream);
	}

	@Benchmark
	public byte[] springIntegrationLf() throws IOException {
		return this.springLf.deserialize(this.springLfStream);
	}

	/** Netty as it is used: the frame is a slice of the cumulation buffer, released after use. */
	@Benchmark
	public int nettyLine() {
		return this.netty.nextLength();
	}

	/** Netty with the frame copied to a byte[], the result the other decoders give. */
	@Benchmark
	public byte[] nettyLineToBytes() {
		ByteBuf frame = this.nettyToBytes.next();
		byte[] bytes = ByteBufUtil.getBytes(frame);
		frame.release();
		return bytes;
	}

}
