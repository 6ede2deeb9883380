package io.github.ipcboot.process;

/**
 * Raised when captured output is read as if it were whole ({@link CapturedOutput#bytes()},
 * {@link CapturedOutput#text()}, {@link CapturedOutput#lines()}) although bytes between its head
 * and its tail were discarded. Read {@link CapturedOutput#head()}, {@link CapturedOutput#tail()}
 * or {@link CapturedOutput#joinedText()} to use what was kept, raise the capture limit, or stream
 * the output with {@link ProcessSpecBuilder#stdoutTo(java.nio.file.Path)}.
 *
 * @since 0.2.0
 */
public class OutputTruncatedException extends ProcessException {

	private final long totalBytes;

	private final long keptBytes;

	/**
	 * Creates an exception.
	 * @param totalBytes how many bytes the stream produced
	 * @param headBytes how many bytes of its head were kept
	 * @param tailBytes how many bytes of its tail were kept
	 */
	public OutputTruncatedException(long totalBytes, int headBytes, int tailBytes) {
		super("Output is truncated: " + totalBytes + " bytes produced, " + (headBytes + tailBytes) + " kept ("
				+ headBytes + " of the head and " + tailBytes + " of the tail), " + (totalBytes - headBytes - tailBytes)
				+ " discarded; read head(), tail() or joinedText(), raise max-captured-output, "
				+ "or stream the output with stdoutTo(...)");
		this.totalBytes = totalBytes;
		this.keptBytes = (long) headBytes + tailBytes;
	}

	/**
	 * Returns how many bytes the stream produced.
	 * @return the number of bytes
	 */
	public long getTotalBytes() {
		return this.totalBytes;
	}

	/**
	 * Returns how many bytes were kept, head and tail together.
	 * @return the number of bytes
	 */
	public long getKeptBytes() {
		return this.keptBytes;
	}

}
