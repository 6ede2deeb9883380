package io.github.ipcboot.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for output sent to a {@link ProcessOutput} target instead of the capture, and for line
 * listeners whose line length is independent of the capture limit.
 */
@Timeout(60)
class ProcessOutputTargetTests {

	private static final int LINES = 500_000;

	private final DefaultProcessService service = DefaultProcessService.builder().build();

	@AfterEach
	void close() {
		this.service.close();
	}

	@Test
	void stdoutToFileShouldWriteEveryByteBeyondTheCaptureLimit(@TempDir Path directory) throws IOException {
		Path dump = directory.resolve("dump.txt");
		AtomicInteger lines = new AtomicInteger();
		ProcessResult result = this.service.run(ProcessSpec.builder("seq", "1", String.valueOf(LINES))
			.stdoutTo(dump)
			.onStdoutLine((line) -> lines.incrementAndGet())
			.build());
		String expected = IntStream.rangeClosed(1, LINES).mapToObj(String::valueOf).collect(Collectors.joining("\n", "", "\n"));
		assertThat(expected.length()).as("more than the 1 MB capture limit").isGreaterThan(3_000_000);
		assertThat(result.outcome()).isEqualTo(ProcessOutcome.SUCCESS);
		assertThat(Files.readString(dump, StandardCharsets.US_ASCII)).isEqualTo(expected);
		assertThat(lines).hasValue(LINES);
		assertThat(result.stdout().totalBytes()).isEqualTo(expected.length());
		assertThat(result.stdout().head()).as("nothing captured: the file has it").isEmpty();
		assertThatExceptionOfType(OutputTruncatedException.class).isThrownBy(() -> result.stdout().bytes());
	}

	@Test
	void outputToStreamsShouldBeFlushedButNotClosed() {
		TrackingStream out = new TrackingStream();
		TrackingStream err = new TrackingStream();
		ProcessResult result = this.service
			.run(ProcessSpec.shell("echo out; echo err >&2").stdoutTo(out).stderrTo(err).build());
		assertThat(result.isSuccess()).isTrue();
		assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("out\n");
		assertThat(err.toString(StandardCharsets.US_ASCII)).isEqualTo("err\n");
		assertThat(out.flushed).isTrue();
		assertThat(out.closed).isFalse();
		assertThat(err.closed).isFalse();
	}

	@Test
	void targetThatFailsShouldFailTheRunAndStillDrainTheOutput() {
		OutputStream full = new OutputStream() {

			private int written;

			@Override
			public void write(int b) throws IOException {
				write(new byte[] { (byte) b }, 0, 1);
			}

			@Override
			public void write(byte[] bytes, int offset, int length) throws IOException {
				this.written += length;
				if (this.written > 1000) {
					throw new IOException("No space left on device");
				}
			}

		};
		ProcessSpec spec = ProcessSpec.builder("seq", "1", String.valueOf(LINES)).stdoutTo(full).build();
		assertThatExceptionOfType(ProcessFailedException.class).isThrownBy(() -> this.service.run(spec))
			.withMessageContaining("exited with code 0")
			.withMessageContaining("could not write to an output stream: java.io.IOException: No space left on device")
			.satisfies((ex) -> {
				ProcessResult result = ex.getResult();
				assertThat(result.exitCode()).as("the program was not blocked: it ran to its end").isZero();
				assertThat(result.stdout().totalBytes()).isGreaterThan(3_000_000);
				assertThat(result.failureReason()).contains("No space left on device");
			});
	}

	@Test
	void fileThatCannotBeCreatedShouldFailTheRun(@TempDir Path directory) {
		Path missing = directory.resolve("no-such-directory").resolve("dump");
		ProcessResult result = this.service
			.run(ProcessSpec.builder("echo", "lost").stdoutTo(missing).check(false).build());
		assertThat(result.outcome()).isEqualTo(ProcessOutcome.FAILED);
		assertThat(result.failureReason()).startsWith("could not open " + missing + ": java.nio.file.NoSuchFileException");
	}

	@Test
	void lineListenerShouldGetWholeLinesWithoutAnyCapture() {
		List<String> lines = new CopyOnWriteArrayList<>();
		ProcessResult result = this.service.run(ProcessSpec.shell("echo 'hello world'; echo second")
			.maxCapturedOutput(DataSize.ofBytes(0))
			.onStdoutLine(lines::add)
			.build());
		assertThat(lines).containsExactly("hello world", "second");
		assertThat(result.stdout().totalBytes()).isEqualTo(19);
		assertThat(result.stdout().truncated()).isTrue();
	}

	@Test
	void lineLongerThanTheMaxLineLengthShouldArriveInPieces() {
		List<String> lines = new CopyOnWriteArrayList<>();
		ProcessResult result = this.service
			.run(ProcessSpec.builder("echo", "abcdefghij").maxLineLength(4).onStdoutLine(lines::add).build());
		assertThat(lines).containsExactly("abcd", "efgh", "ij");
		assertThat(result.stdoutText()).as("the capture is not cut into lines").isEqualTo("abcdefghij\n");
	}

	@Test
	void mergedStderrShouldHaveNoTargetOfItsOwn() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> ProcessSpec.builder("true").mergeStderr(true).stderrTo(new ByteArrayOutputStream()).build())
			.withMessage("Standard error is merged into standard output; it has no target of its own");
	}

	static final class TrackingStream extends ByteArrayOutputStream {

		volatile boolean flushed;

		volatile boolean closed;

		@Override
		public void flush() {
			this.flushed = true;
		}

		@Override
		public void close() {
			this.closed = true;
		}

	}

}
