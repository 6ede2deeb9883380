package io.github.ipcboot.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * What a process reads on its standard input. Bytes, text and writers are fed by the service on
 * its own thread while the output is read, so input larger than the pipe buffer never deadlocks;
 * the pipe is closed afterwards so that the program sees end of input.
 *
 * @since 0.1.0
 */
public final class ProcessInput {

	private static final ProcessInput NONE = new ProcessInput(Kind.NONE, null, null, null);

	private static final ProcessInput OPEN = new ProcessInput(Kind.OPEN, null, null, null);

	private final Kind kind;

	private final byte @Nullable [] bytes;

	private final @Nullable Path file;

	private final @Nullable StdinWriter writer;

	private ProcessInput(Kind kind, byte @Nullable [] bytes, @Nullable Path file, @Nullable StdinWriter writer) {
		this.kind = kind;
		this.bytes = bytes;
		this.file = file;
		this.writer = writer;
	}

	/**
	 * Returns input that is closed at once, so the program sees end of input immediately.
	 * @return empty input (the default)
	 */
	public static ProcessInput none() {
		return NONE;
	}

	/**
	 * Returns input that stays open for {@link RunningProcess#writeStdin(byte[])} until
	 * {@link RunningProcess#closeStdin()}.
	 * @return open input
	 */
	public static ProcessInput open() {
		return OPEN;
	}

	/**
	 * Returns input that feeds the given bytes.
	 * @param bytes the bytes to feed
	 * @return the input
	 */
	public static ProcessInput bytes(byte[] bytes) {
		return new ProcessInput(Kind.BYTES, bytes.clone(), null, null);
	}

	/**
	 * Returns input that feeds the given text, encoded with the given charset.
	 * @param text the text to feed
	 * @param charset the charset to encode the text with
	 * @return the input
	 */
	public static ProcessInput text(String text, Charset charset) {
		return new ProcessInput(Kind.BYTES, text.getBytes(charset), null, null);
	}

	/**
	 * Returns input read by the program directly from a file (the service copies nothing).
	 * @param file the file to read
	 * @return the input
	 */
	public static ProcessInput file(Path file) {
		return new ProcessInput(Kind.FILE, null, file, null);
	}

	/**
	 * Returns input written by a callback, called on a service thread with the pipe to the
	 * program's standard input; the pipe is closed when the callback returns.
	 * @param writer the callback
	 * @return the input
	 */
	public static ProcessInput writer(StdinWriter writer) {
		return new ProcessInput(Kind.WRITER, null, null, writer);
	}

	Kind kind() {
		return this.kind;
	}

	@Nullable Path file() {
		return this.file;
	}

	/**
	 * Writes this input to the pipe; only for {@link Kind#BYTES} and {@link Kind#WRITER}.
	 */
	void writeTo(OutputStream out) throws IOException {
		if (this.bytes != null) {
			out.write(this.bytes);
		}
		else if (this.writer != null) {
			this.writer.write(out);
		}
	}

	@Override
	public String toString() {
		return "ProcessInput[" + this.kind + ((this.bytes != null) ? ", " + this.bytes.length + " bytes" : "") + "]";
	}

	/**
	 * Writes a program's standard input.
	 */
	@FunctionalInterface
	public interface StdinWriter {

		/**
		 * Writes the input; the service closes the stream afterwards.
		 * @param stdin the pipe to the program's standard input
		 * @throws IOException if writing fails, for example because the program has exited
		 */
		void write(OutputStream stdin) throws IOException;

	}

	enum Kind {

		NONE, OPEN, BYTES, FILE, WRITER

	}

}
