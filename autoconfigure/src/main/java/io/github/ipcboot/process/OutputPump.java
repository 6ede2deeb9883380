package io.github.ipcboot.process;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Drains one output pipe of a process until end of stream, into a {@link BoundedCapture} and,
 * when the spec has a line listener, a {@link LineDecoder}. It never stops reading early, so the
 * program never blocks on a full pipe.
 */
final class OutputPump implements Runnable {

	private static final Log logger = LogFactory.getLog(OutputPump.class);

	private static final int BUFFER_SIZE = 32 * 1024;

	private final InputStream in;

	private final BoundedCapture capture;

	private final @Nullable LineDecoder lines;

	private final CompletableFuture<Void> done = new CompletableFuture<>();

	OutputPump(InputStream in, BoundedCapture capture, @Nullable LineDecoder lines) {
		this.in = in;
		this.capture = capture;
		this.lines = lines;
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
		try (InputStream stream = this.in) {
			int read;
			while ((read = stream.read(buffer)) != -1) {
				this.capture.write(buffer, 0, read);
				if (this.lines != null) {
					this.lines.feed(buffer, 0, read);
				}
			}
		}
		catch (IOException ex) {
			logger.debug("Output pipe closed while reading", ex);
		}
		finally {
			if (this.lines != null) {
				this.lines.finish();
			}
			this.done.complete(null);
		}
	}

}
