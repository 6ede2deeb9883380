package io.github.ipcboot.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Drains one output pipe of a process until end of stream, into a {@link BoundedCapture}, the
 * spec's {@link ProcessOutput} target if it has one and, when the spec has a line listener, a
 * {@link LineDecoder}. It never stops reading early, so the program never blocks on a full pipe:
 * when the target fails, the rest of the output is drained without it and the failure is kept for
 * the result.
 */
final class OutputPump implements Runnable {

	private static final Log logger = LogFactory.getLog(OutputPump.class);

	private static final int BUFFER_SIZE = 32 * 1024;

	private final InputStream in;

	private final BoundedCapture capture;

	private final @Nullable LineDecoder lines;

	private final @Nullable ProcessOutput target;

	private final CompletableFuture<Void> done = new CompletableFuture<>();

	private volatile @Nullable String targetFailure;

	OutputPump(InputStream in, BoundedCapture capture, @Nullable LineDecoder lines, @Nullable ProcessOutput target) {
		this.in = in;
		this.capture = capture;
		this.lines = lines;
		this.target = target;
	}

	/**
	 * Returns why the output could not be written to its target, or {@code null} if it was
	 * (or there is no target); read once {@link #done()} completed.
	 */
	@Nullable String targetFailure() {
		return this.targetFailure;
	}

	BoundedCapture capture() {
		return this.capture;
	}

	/**
	 * Returns a future completed when the pipe reached end of stream (or failed).
	 */
	CompletableFuture<Void> done() {
		return this.done;
	}

	@Override
	public void run() {
		byte[] buffer = new byte[BUFFER_SIZE];
		OutputStream out = openTarget();
		try (InputStream stream = this.in) {
			int read;
			while ((read = stream.read(buffer)) != -1) {
				this.capture.write(buffer, 0, read);
				out = write(out, buffer, read);
				if (this.lines != null) {
					this.lines.feed(buffer, 0, read);
				}
			}
		}
		catch (IOException ex) {
			logger.debug("Output pipe closed while reading", ex);
		}
		finally {
			closeTarget(out);
			if (this.lines != null) {
				this.lines.finish();
			}
			this.done.complete(null);
		}
	}

	private @Nullable OutputStream openTarget() {
		if (this.target == null) {
			return null;
		}
		try {
			return this.target.open();
		}
		catch (IOException | RuntimeException ex) {
			failed("could not open", ex);
			return null;
		}
	}

	/**
	 * Writes to the target; returns {@code null} from the first failure on, so the rest of the
	 * output is only drained.
	 */
	private @Nullable OutputStream write(@Nullable OutputStream out, byte[] buffer, int length) {
		if (out == null) {
			return null;
		}
		try {
			out.write(buffer, 0, length);
			return out;
		}
		catch (IOException | RuntimeException ex) {
			failed("could not write to", ex);
			closeQuietly(out);
			return null;
		}
	}

	private void closeTarget(@Nullable OutputStream out) {
		if (out == null) {
			return;
		}
		try {
			out.close();
		}
		catch (IOException | RuntimeException ex) {
			failed("could not close", ex);
		}
	}

	private static void closeQuietly(OutputStream out) {
		try {
			out.close();
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not close the output target after a failed write", ex);
		}
	}

	private void failed(String action, Exception ex) {
		this.targetFailure = action + " " + this.target + ": " + ex;
		logger.debug("Output target failed; draining the rest of the output", ex);
	}

}
