package io.github.ipcboot.framing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Helpers to encode and decode whole streams in tests.
 */
final class Frames {

	private Frames() {
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

	static byte[] encode(FrameCodec codec, List<byte[]> frames) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			for (byte[] frame : frames) {
				codec.serialize(frame, out);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * Decode frames until the stream ends cleanly; any other exception propagates.
	 */
	static List<byte[]> decodeAll(FrameCodec codec, InputStream in) throws IOException {
		List<byte[]> frames = new ArrayList<>();
		for (int i = 0; i < 1_000_000; i++) {
			try {
				frames.add(codec.deserialize(in));
			}
			catch (SoftEndOfStreamException ex) {
				return frames;
			}
		}
		throw new AssertionError("stream did not end after 1,000,000 frames");
	}

	static List<String> decodeAllText(FrameCodec codec, InputStream in) throws IOException {
		return decodeAll(codec, in).stream().map(Frames::text).toList();
	}

}
