package io.github.ipcboot.benchmarks.framing;

import java.util.concurrent.TimeUnit;

import io.github.ipcboot.framing.FrameInputStream;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The measurement settings the framing benchmarks share (JMH applies a superclass's annotations
 * to its subclasses): operations per second, one fork with a 1 GiB heap, 3 warm-up and 5 measured
 * iterations of a second; and the streams that replay a benchmark's bytes in 8 KiB reads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
abstract class ThroughputSettings {

	/**
	 * Return an endless stream of the bytes in {@link StreamData#READ_SIZE} reads.
	 * @param data the bytes
	 * @return the stream
	 */
	static ReplayInputStream replay(byte[] data) {
		return new ReplayInputStream(data, StreamData.READ_SIZE);
	}

	/**
	 * Return an endless stream of the bytes in {@link StreamData#READ_SIZE} reads, buffered the way
	 * the starter's codecs read a connection.
	 * @param data the bytes
	 * @return the stream
	 */
	static FrameInputStream frameStream(byte[] data) {
		return new FrameInputStream(replay(data));
	}

}
