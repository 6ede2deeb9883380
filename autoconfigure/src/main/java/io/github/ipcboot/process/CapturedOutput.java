package io.github.ipcboot.process;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;

/**
 * What was captured of one output stream of a process. When the stream produced more than the
 * capture limit, the first and the last bytes are kept ({@code head} and {@code tail}), the bytes
 * between them are drained and discarded, and {@link #truncated()} is {@code true}. Truncated
 * output cannot be read as if it were whole: {@link #bytes()}, {@link #text()} and
 * {@link #lines()} then throw an {@link OutputTruncatedException}; {@link #head()},
 * {@link #tail()}, {@link #joinedBytes()} and {@link #joinedText()} read what was kept. A stream
 * sent to a {@link ProcessOutput} is not captured: nothing is kept and {@link #totalBytes()}
 * counts what was written.
 *
 * @param head the first bytes the stream produced
 * @param tail the last bytes the stream produced after the head
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
	 * Returns the first bytes the stream produced (up to half the capture limit). The array is
	 * the record's own: do not modify it.
	 * @return the head
	 */
	@Override
	public byte[] head() {
		return this.head;
	}

	/**
	 * Returns the last bytes the stream produced after the head (up to half the capture limit);
	 * when the output is {@link #truncated() truncated}, bytes were discarded between the head
	 * and the tail. The array is the record's own: do not modify it.
	 * @return the tail
	 */
	@Override
	public byte[] tail() {
		return this.tail;
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
	 * Returns every byte the stream produced.
	 * @return a copy of the output
	 * @throws OutputTruncatedException if the output is {@link #truncated() truncated}; since
	 * 0.2.0 (it used to return the head joined to the tail, now {@link #joinedBytes()})
	 */
	public byte[] bytes() {
		requireWhole();
		return joinedBytes();
	}

	/**
	 * Returns the output decoded as text; malformed input is replaced, never thrown.
	 * @return the text
	 * @throws OutputTruncatedException if the output is {@link #truncated() truncated}; since
	 * 0.2.0 (it used to return the head and the tail around a marker line, now
	 * {@link #joinedText()})
	 */
	public String text() {
		requireWhole();
		return joinedText();
	}

	/**
	 * Returns the output as text split into lines; {@code \n} and {@code \r\n} both end a line.
	 * @return the lines
	 * @throws OutputTruncatedException if the output is {@link #truncated() truncated}
	 */
	public List<String> lines() {
		return text().lines().toList();
	}

	/**
	 * Returns what was kept of the output, the head followed directly by the tail, whether or not
	 * bytes were discarded between them: not the output itself when it is
	 * {@link #truncated() truncated}.
	 * @return a copy of the kept bytes
	 * @since 0.2.0
	 */
	public byte[] joinedBytes() {
		byte[] bytes = Arrays.copyOf(this.head, this.head.length + this.tail.length);
		System.arraycopy(this.tail, 0, bytes, this.head.length, this.tail.length);
		return bytes;
	}

	/**
	 * Returns what was kept of the output as text, for logs and messages; when the output is
	 * {@link #truncated() truncated} a line {@code [... N bytes omitted ...]} stands between the
	 * head and the tail.
	 * @return the kept text
	 * @since 0.2.0
	 */
	public String joinedText() {
		if (!truncated()) {
			return new String(joinedBytes(), this.charset);
		}
		return new String(this.head, this.charset) + "\n[... " + omittedBytes() + " bytes omitted ...]\n"
				+ new String(this.tail, this.charset);
	}

	private void requireWhole() {
		if (truncated()) {
			throw new OutputTruncatedException(this.totalBytes, this.head.length, this.tail.length);
		}
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
