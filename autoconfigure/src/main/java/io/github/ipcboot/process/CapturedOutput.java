package io.github.ipcboot.process;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;

/**
 * What was captured of one output stream of a process. When the stream produced more than the
 * capture limit, the first and the last bytes are kept ({@code head} and {@code tail}), the bytes
 * between them are drained and discarded, and {@link #truncated()} is {@code true}.
 *
 * @param head the first bytes the stream produced
 * @param tail the last bytes the stream produced (empty unless the capture limit was reached)
 * @param totalBytes how many bytes the stream produced in all
 * @param charset the charset used to decode the bytes as text
 * @since 0.1.0
 */
public record CapturedOutput(byte[] head, byte[] tail, long totalBytes, Charset charset) {

	/**
	 * Creates captured output.
	 * @param head the first bytes the stream produced
	 * @param tail the last bytes the stream produced
	 * @param totalBytes how many bytes the stream produced in all
	 * @param charset the charset used to decode the bytes as text
	 */
	public CapturedOutput {
		if (totalBytes < (long) head.length + tail.length) {
			throw new IllegalArgumentException("Total of " + totalBytes + " bytes is less than the " + head.length
					+ " + " + tail.length + " bytes captured");
		}
	}

	/**
	 * Returns empty output, as for a stream that produced nothing.
	 * @param charset the charset used to decode the bytes as text
	 * @return the empty output
	 */
	public static CapturedOutput empty(Charset charset) {
		return new CapturedOutput(new byte[0], new byte[0], 0, charset);
	}

	/**
	 * Returns output that was captured completely.
	 * @param bytes every byte the stream produced
	 * @param charset the charset used to decode the bytes as text
	 * @return the output
	 */
	public static CapturedOutput of(byte[] bytes, Charset charset) {
		return new CapturedOutput(bytes.clone(), new byte[0], bytes.length, charset);
	}

	/**
	 * Returns whether bytes were discarded because the stream produced more than the capture
	 * limit.
	 * @return whether the output is truncated
	 */
	public boolean truncated() {
		return omittedBytes() > 0;
	}

	/**
	 * Returns how many bytes were drained and discarded between the head and the tail.
	 * @return the number of omitted bytes
	 */
	public long omittedBytes() {
		return this.totalBytes - this.head.length - this.tail.length;
	}

	/**
	 * Returns the captured bytes: the head followed directly by the tail.
	 * @return a copy of the captured bytes
	 */
	public byte[] bytes() {
		byte[] bytes = Arrays.copyOf(this.head, this.head.length + this.tail.length);
		System.arraycopy(this.tail, 0, bytes, this.head.length, this.tail.length);
		return bytes;
	}

	/**
	 * Returns the captured bytes decoded as text; malformed input is replaced, never thrown. When
	 * the output is truncated, a line {@code [... N bytes omitted ...]} stands between the head
	 * and the tail.
	 * @return the captured text
	 */
	public String text() {
		if (!truncated()) {
			return new String(bytes(), this.charset);
		}
		return new String(this.head, this.charset) + "\n[... " + omittedBytes() + " bytes omitted ...]\n"
				+ new String(this.tail, this.charset);
	}

	/**
	 * Returns the captured text split into lines; {@code \n} and {@code \r\n} both end a line.
	 * @return the lines
	 */
	public List<String> lines() {
		return text().lines().toList();
	}

	@Override
	public boolean equals(Object other) {
		return (this == other) || (other instanceof CapturedOutput that && this.totalBytes == that.totalBytes
				&& Arrays.equals(this.head, that.head) && Arrays.equals(this.tail, that.tail)
				&& this.charset.equals(that.charset));
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(this.head) + Arrays.hashCode(this.tail);
	}

	@Override
	public String toString() {
		return "CapturedOutput[" + this.totalBytes + " bytes" + (truncated() ? ", truncated" : "") + "]";
	}

}
