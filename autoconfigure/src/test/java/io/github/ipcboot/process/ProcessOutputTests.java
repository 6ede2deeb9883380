package io.github.ipcboot.process;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for how {@link DefaultProcessService} drains, captures, decodes and streams output and
 * feeds input, with real programs.
 */
@Timeout(60)
class ProcessOutputTests {

	private static final int MIB = 1024 * 1024;

	private final DefaultProcessService service = DefaultProcessService.builder()
		.terminationGrace(Duration.ofSeconds(1))
		.defaultTimeout(Duration.ofSeconds(30))
		.maxCapturedOutput(DataSize.ofMegabytes(32))
		.build();

	@AfterEach
	void close() {
		this.service.close();
	}

	@Test
	void runWhenChildFillsBothPipesShouldNotDeadlock() {
		// 10 MiB to each stream, interleaved in 64 KiB blocks: either pipe fills up long before the end
		String script = "i=0; while [ $i -lt 160 ]; do head -c 65536 /dev/zero; head -c 65536 /dev/zero >&2; "
				+ "i=$((i+1)); done";
		ProcessResult result = this.service.run(ProcessSpec.shell(script).build());
		assertThat(result.stdout().totalBytes()).isEqualTo(10L * MIB);
		assertThat(result.stderr().totalBytes()).isEqualTo(10L * MIB);
		assertThat(result.stdout().bytes()).hasSize(10 * MIB);
		assertThat(result.stdout().truncated()).isFalse();
	}

	@Test
	void runWhenOutputExceedsLimitShouldDrainAllOfItWithBoundedMemory() {
		List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			// what survives a young collection: the garbage of the drain (and of any other thread)
			// dies in eden, whose size depends on what earlier tests made the heap grow to
			.filter((pool) -> !pool.getName().contains("Eden"))
			.toList();
		System.gc();
		long before = heap.stream().mapToLong((pool) -> pool.getUsage().getUsed()).sum();
		heap.forEach(MemoryPoolMXBean::resetPeakUsage);
		ProcessResult result = this.service
			.run(ProcessSpec.shell("yes | head -c 1073741824").maxCapturedOutput(DataSize.ofMegabytes(1)).build());
		long peak = heap.stream().mapToLong((pool) -> pool.getPeakUsage().getUsed()).sum();
		assertThat(result.stdout().totalBytes()).isEqualTo(1024L * MIB);
		assertThat(result.stdout().truncated()).isTrue();
		assertThat(result.stdout().head()).hasSize(MIB / 2);
		assertThat(result.stdout().tail()).hasSize(MIB / 2);
		assertThat(result.stdout().omittedBytes()).isEqualTo(1023L * MIB);
		assertThat(result.stdout().joinedText().lines()).startsWith("y", "y").endsWith("y", "y");
		assertThat(peak - before).isLessThan(32L * MIB);
	}

	@Test
	void runWhenOutputIsTruncatedShouldKeepHeadAndTail() {
		ProcessResult result = this.service
			.run(ProcessSpec.shell("seq 1 100000").maxCapturedOutput(DataSize.ofBytes(20)).build());
		assertThat(result.stdout().truncated()).isTrue();
		assertThat(new String(result.stdout().head(), StandardCharsets.US_ASCII)).isEqualTo("1\n2\n3\n4\n5\n");
		assertThat(new String(result.stdout().tail(), StandardCharsets.US_ASCII)).isEqualTo("99\n100000\n");
		assertThat(result.stdout().totalBytes()).isEqualTo(588895);
		assertThat(result.stdout().joinedText()).contains("[... 588875 bytes omitted ...]");
		assertThat(result.outcome()).as("the run itself succeeded").isEqualTo(ProcessOutcome.SUCCESS);
		assertThatExceptionOfType(OutputTruncatedException.class).isThrownBy(result::stdoutText)
			.withMessageStartingWith("Output is truncated: 588895 bytes produced, 20 kept");
	}

	@Test
	void runWhenStderrIsMergedShouldCaptureBothInStdout() {
		ProcessResult result = this.service.run(ProcessSpec.shell("echo a; echo b >&2; echo c").mergeStderr(true).build());
		assertThat(result.stdout().lines()).containsExactly("a", "b", "c");
		assertThat(result.stderr().totalBytes()).isZero();
	}

	@Test
	void lineListenersShouldReceiveLinesWhileChildRuns() {
		List<String> out = new CopyOnWriteArrayList<>();
		List<String> err = new CopyOnWriteArrayList<>();
		RunningProcess process = this.service.start(ProcessSpec.shell("echo first; echo oops >&2; exec cat")
			.stdin(ProcessInput.open())
			.onStdoutLine(out::add)
			.onStderrLine(err::add)
			.build());
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(out).containsExactly("first");
			assertThat(err).containsExactly("oops");
		});
		assertThat(process.isRunning()).isTrue();
		process.writeStdin("second\r\nthird\n");
		await().atMost(Duration.ofSeconds(10)).until(() -> out.size() == 3);
		assertThat(out).containsExactly("first", "second", "third");
		process.writeStdin("no newline at the end");
		process.closeStdin();
		ProcessResult result = process.await();
		assertThat(out).containsExactly("first", "second", "third", "no newline at the end");
		assertThat(result.stdoutText()).isEqualTo("first\nsecond\r\nthird\nno newline at the end");
	}

	@Test
	void outputShouldBeDecodedWithSpecCharsetReplacingMalformedInput() {
		List<String> lines = new CopyOnWriteArrayList<>();
		ProcessResult result = this.service.run(ProcessSpec.builder("/usr/bin/printf", "caf\\303\\251 \\377!\\n")
			.charset(StandardCharsets.UTF_8)
			.onStdoutLine(lines::add)
			.build());
		assertThat(result.stdoutText()).isEqualTo("café \uFFFD!\n");
		assertThat(lines).containsExactly("café \uFFFD!");
	}

	@Test
	void defaultCharsetShouldBeNativeEncoding() {
		ProcessResult result = this.service.run(ProcessSpec.of("/bin/true"));
		assertThat(result.stdout().charset().name()).isEqualTo(ProcessSpec.nativeCharset().name());
	}

	@Test
	void stdinLargerThanPipeBufferShouldBeFedWhileOutputIsRead() {
		byte[] input = new byte[MIB];
		for (int i = 0; i < input.length; i++) {
			input[i] = (byte) ('a' + i % 26);
		}
		ProcessResult result = this.service.run(ProcessSpec.builder("cat").stdin(input).build());
		assertThat(result.stdout().bytes()).isEqualTo(input);
	}

	@Test
	void stdinTextShouldBeEncodedWithSpecCharset() {
		ProcessResult result = this.service
			.run(ProcessSpec.builder("od", "-An", "-tx1").charset(StandardCharsets.UTF_8).stdin("é").build());
		assertThat(result.stdoutText().strip()).isEqualTo("c3 a9");
	}

	@Test
	void stdinFromFileShouldBeReadByTheProgram(@TempDir Path directory) throws Exception {
		Path file = Files.writeString(directory.resolve("input.txt"), "from a file\n");
		ProcessResult result = this.service.run(ProcessSpec.builder("cat").stdin(ProcessInput.file(file)).build());
		assertThat(result.stdoutText()).isEqualTo("from a file\n");
	}

	@Test
	void stdinFromWriterShouldBeStreamedAndClosed() {
		ProcessResult result = this.service.run(ProcessSpec.builder("wc", "-c").stdin(ProcessInput.writer((stdin) -> {
			byte[] block = new byte[8192];
			for (int i = 0; i < 256; i++) {
				stdin.write(block);
			}
		})).build());
		assertThat(result.stdoutText().strip()).isEqualTo(String.valueOf(2 * MIB));
	}

	@Test
	void stdinShouldBeClosedByDefault() {
		ProcessResult result = this.service.run(ProcessSpec.of("cat"));
		assertThat(result.stdout().totalBytes()).isZero();
	}

	@Test
	void stdinWhenProgramExitsEarlyShouldNotFailTheRun() {
		ProcessResult result = this.service
			.run(ProcessSpec.builder("head", "-c", "3").stdin(new byte[4 * MIB]).build());
		assertThat(result.stdout().totalBytes()).isEqualTo(3);
	}

}
