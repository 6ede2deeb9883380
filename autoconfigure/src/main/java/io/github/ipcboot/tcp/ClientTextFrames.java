package io.github.ipcboot.tcp;

import java.nio.charset.Charset;
import java.util.List;
import java.util.function.Predicate;

/**
 * Encodes the text frames a {@link TcpClient} sends and decodes the frames of their replies, with
 * the client's charset.
 */
final class ClientTextFrames {

	private final Charset charset;

	/**
	 * Create the text frames of one client.
	 * @param charset the client's charset
	 */
	ClientTextFrames(Charset charset) {
		this.charset = charset;
	}

	/**
	 * Encode a text frame.
	 * @param frame the frame
	 * @return its bytes
	 */
	byte[] encode(String frame) {
		return frame.getBytes(this.charset);
	}

	/**
	 * Decode a frame.
	 * @param frame its bytes
	 * @return the text
	 */
	String decode(byte[] frame) {
		return new String(frame, this.charset);
	}

	/**
	 * Decode the frames of a reply.
	 * @param frames their bytes, in the order they arrived
	 * @return their text, in the same order
	 */
	List<String> decode(List<byte[]> frames) {
		return frames.stream().map(this::decode).toList();
	}

	/**
	 * Return a completion rule for the frames' bytes that tests their text.
	 * @param last whether a decoded frame is the last of the reply
	 * @return the rule for the frames' bytes
	 */
	Predicate<byte[]> decoding(Predicate<String> last) {
		return (reply) -> last.test(decode(reply));
	}

}
