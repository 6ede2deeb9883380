package io.github.ipcboot.process;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The standard input of one process: fed from the spec's {@link ProcessInput} on a service thread,
 * or written by the caller when it is {@link ProcessInput#open() open}, and closed exactly once.
 */
final class StdinChannel {

	private static final Log logger = LogFactory.getLog(StdinChannel.class);

	private final Process process;

	private final ProcessInput input;

	private final ReentrantLock lock = new ReentrantLock();

	private boolean closed;

	StdinChannel(Process process, ProcessInput input) {
		this.process = process;
		this.input = input;
	}

	/**
	 * Returns whether the input must be fed by a service thread.
	 */
	boolean needsFeeder() {
		return this.input.kind() == ProcessInput.Kind.BYTES || this.input.kind() == ProcessInput.Kind.WRITER;
	}

	/**
	 * Feeds the input and closes the pipe; a program that exits before reading it all is not an
	 * error.
	 */
	void feed() {
		try (OutputStream out = this.process.getOutputStream()) {
			this.input.writeTo(out);
		}
		catch (IOException ex) {
			logger.debug("Standard input of pid " + this.process.pid() + " closed before all input was written", ex);
		}
	}

	void write(byte[] bytes) {
		if (this.input.kind() != ProcessInput.Kind.OPEN) {
			throw new IllegalStateException("Standard input of pid " + this.process.pid() + " is " + this.input
					+ ", not open; build the spec with stdin(ProcessInput.open())");
		}
		this.lock.lock();
		try {
			if (this.closed) {
				throw new IllegalStateException("Standard input of pid " + this.process.pid() + " is already closed");
			}
			this.process.getOutputStream().write(bytes);
			this.process.getOutputStream().flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + bytes.length + " bytes to standard input of pid "
					+ this.process.pid() + ": " + ex.getMessage(), ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Closes the pipe unless a feeder owns it, waiting for a write in progress.
	 */
	void close() {
		this.lock.lock();
		try {
			closeLocked();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Closes the pipe unless a write is in progress: a writer blocked on a pipe that a descendant
	 * keeps open must not hold up the result.
	 */
	void closeIfIdle() {
		if (this.lock.tryLock()) {
			try {
				closeLocked();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	private void closeLocked() {
		if (this.closed || needsFeeder()) {
			return;
		}
		this.closed = true;
		try {
			this.process.getOutputStream().close();
		}
		catch (IOException ex) {
			logger.debug("Closing standard input of pid " + this.process.pid() + " failed", ex);
		}
	}

}
