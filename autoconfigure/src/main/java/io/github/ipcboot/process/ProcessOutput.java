package io.github.ipcboot.process;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.jspecify.annotations.Nullable;

/**
 * Where an output stream of a process goes instead of the in-memory capture, for outputs too large
 * to keep (a database dump, an archive): a file or an {@link OutputStream}. Every byte is written,
 * in order, by the thread that drains the pipe; a slow target slows the program down rather than
 * buffering. Line listeners still get every line. Create one with {@link #file(Path)} or
 * {@link #stream(OutputStream)}.
 *
 * @since 0.2.0
 */
public final class ProcessOutput {

	private final @Nullable Path file;

	private final @Nullable OutputStream stream;

	private ProcessOutput(@Nullable Path file, @Nullable OutputStream stream) {
		this.file = file;
		this.stream = stream;
	}

	/**
	 * Returns a target that writes to a file, created or truncated when the pipe is first read
	 * and closed when it reaches end of stream.
	 * @param file the file
	 * @return the target
	 */
	public static ProcessOutput file(Path file) {
		return new ProcessOutput(file, null);
	}

	/**
	 * Returns a target that writes to a stream the caller owns: it is flushed when the pipe
	 * reaches end of stream, never closed.
	 * @param stream the stream
	 * @return the target
	 */
	public static ProcessOutput stream(OutputStream stream) {
		return new ProcessOutput(null, stream);
	}

	/**
	 * Returns the file written to, or {@code null} for a stream.
	 * @return the file
	 */
	public @Nullable Path file() {
		return this.file;
	}

	/**
	 * Opens the target for one run; closing what is returned closes a file and only flushes a
	 * caller's stream. The service calls this on the thread that drains the pipe.
	 * @return the stream to write the output to
	 * @throws IOException if the file cannot be created or truncated
	 */
	public OutputStream open() throws IOException {
		if (this.file != null) {
			return Files.newOutputStream(this.file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
					StandardOpenOption.WRITE);
		}
		return new FilterOutputStream(this.stream) {

			@Override
			public void write(byte[] bytes, int offset, int length) throws IOException {
				this.out.write(bytes, offset, length);
			}

			@Override
			public void close() throws IOException {
				this.out.flush();
			}

		};
	}

	@Override
	public String toString() {
		return (this.file != null) ? this.file.toString() : "an output stream";
	}

}
