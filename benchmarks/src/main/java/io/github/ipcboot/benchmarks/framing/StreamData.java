package io.github.ipcboot.benchmarks.framing;

import java.io.ByteArrayOutputStream;
import java.util.Random;

/**
 * Builds about 1 MiB of frames of printable payload, each followed by the given terminator.
 */
final class StreamData {

	static final int READ_SIZE = 8192;

	private StreamData() {
	}

	static byte[] frames(int payloadSize, byte[] terminator) {
		Random random = new Random(42);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int count = Math.max(64, (1024 * 1024) / (payloadSize + terminator.length));
		for (int i = 0; i < count; i++) {
			for (int j = 0; j < payloadSize; j++) {
				out.write('!' + random.nextInt(90));
			}
			out.writeBytes(terminator);
		}
		return out.toByteArray();
	}

}
