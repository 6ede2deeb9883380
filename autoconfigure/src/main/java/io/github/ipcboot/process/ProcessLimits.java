package io.github.ipcboot.process;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/**
 * The service-wide defaults and limits that apply to every run.
 *
 * @param defaultTimeout how long a run may take when its spec sets no timeout; zero for no limit
 * @param terminationGrace how long a process tree gets between {@code SIGTERM} and {@code SIGKILL}
 * @param maxCapturedOutput how much of each output stream is kept when the spec sets no limit
 * @param outputDrainTimeout how long to wait, once the process has exited (and its tree has been
 * terminated), for its output pipes to reach end of stream; a descendant may hold them open
 * @param maxLineLength the longest line a line listener gets in one piece when the spec sets no
 * limit
 */
record ProcessLimits(Duration defaultTimeout, Duration terminationGrace, DataSize maxCapturedOutput,
		Duration outputDrainTimeout, int maxLineLength) {

	static int requireMaxLineLength(int maxLineLength) {
		if (maxLineLength < 1) {
			throw new IllegalArgumentException("Max line length must be at least 1 (was " + maxLineLength + ")");
		}
		return maxLineLength;
	}

	int maxLineLengthOf(ProcessSpec spec) {
		return (spec.maxLineLength() != null) ? spec.maxLineLength() : this.maxLineLength;
	}

	Duration timeoutOf(ProcessSpec spec) {
		return (spec.timeout() != null) ? spec.timeout() : this.defaultTimeout;
	}

	long maxCapturedOutputOf(ProcessSpec spec) {
		return ((spec.maxCapturedOutput() != null) ? spec.maxCapturedOutput() : this.maxCapturedOutput).toBytes();
	}

}
