package io.github.ipcboot.benchmarks.framing;

import java.io.IOException;

import io.github.ipcboot.framing.FrameCodec;
import io.github.ipcboot.framing.FrameInputStream;
import io.github.ipcboot.framing.Framing;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DelimiterBasedFrameDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.integration.ip.tcp.serializer.ByteArraySingleTerminatorSerializer;

/**
 * Decode throughput of terminated frames delivered in 8 KiB reads: one operation decodes one
 * frame. The starter's {@code terminator} codec with the 4-byte terminator {@code \r\n\r\n}
 * against Netty's {@link DelimiterBasedFrameDecoder} on the same bytes, and with the 1-byte
 * terminator {@code \x00} against Spring Integration's {@link ByteArraySingleTerminatorSerializer}.
 */
@State(Scope.Thread)
public class TerminatorDecodeBenchmark extends ThroughputSettings {

	private static final byte[] FOUR = { '\r', '\n', '\r', '\n' };

	private static final byte[] ONE = { 0 };

	/** Payload bytes per frame; the terminator follows each. */
	@Param({ "64", "1024" })
	int frameSize;

	private final FrameCodec four = Framing.terminator(FOUR).createCodec();

	private final FrameCodec one = Framing.terminator(ONE).createCodec();

	private final ByteArraySingleTerminatorSerializer springOne = new ByteArraySingleTerminatorSerializer((byte) 0);

	private FrameInputStream fourStream;

	private FrameInputStream oneStream;

	private ReplayInputStream springOneStream;

	private NettyFrames nettyFour;

	@Setup
	public void setUp() {
		byte[] fourData = StreamData.frames(this.frameSize, FOUR);
		byte[] oneData = StreamData.frames(this.frameSize, ONE);
		this.fourStream = frameStream(fourData);
		this.oneStream = frameStream(oneData);
		this.springOneStream = replay(oneData);
		this.nettyFour = new NettyFrames(new DelimiterBasedFrameDecoder(64 * 1024, Unpooled.wrappedBuffer(FOUR)),
				fourData);
	}

	@TearDown
	public void tearDown() {
		this.nettyFour.close();
	}

	@Benchmark
	public byte[] ipcTerminator4() throws IOException {
		return this.four.deserialize(this.fourStream);
	}

	@Benchmark
	public int nettyDelimiter4() {
		return this.nettyFour.nextLength();
	}

	@Benchmark
	public byte[] ipcTerminator1() throws IOException {
		return this.one.deserialize(this.oneStream);
	}

	@Benchmark
	public byte[] springIntegrationSingleTerminator1() throws IOException {
		return this.springOne.deserialize(this.springOneStream);
	}

}
