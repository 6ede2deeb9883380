package io.github.ipcboot.process;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of {@link BoundedCapture}: whatever the limit and however the output is split into
 * writes, the head is its beginning, the tail its end, and the total counts every byte.
 */
class BoundedCaptureTests {

	@Property(tries = 500)
	void captureShouldKeepHeadAndTailOfAnyOutput(@ForAll @Size(max = 2000) byte[] output,
			@ForAll @IntRange(max = 300) int limit, @ForAll @Size(max = 20) List<@IntRange(min = 1, max = 400) Integer> writes) {
		BoundedCapture capture = new BoundedCapture(limit);
		int offset = 0;
		for (int size : writes) {
			int length = Math.min(size, output.length - offset);
			capture.write(output, offset, length);
			offset += length;
		}
		capture.write(output, offset, output.length - offset);
		CapturedOutput captured = capture.snapshot(StandardCharsets.ISO_8859_1);
		assertThat(captured.totalBytes()).isEqualTo(output.length);
		if (output.length <= limit) {
			assertThat(captured.bytes()).isEqualTo(output);
			assertThat(captured.truncated()).isFalse();
		}
		else {
			int tail = limit / 2;
			assertThat(captured.truncated()).isTrue();
			assertThat(captured.head()).isEqualTo(Arrays.copyOf(output, limit - tail));
			assertThat(captured.tail()).isEqualTo(Arrays.copyOfRange(output, output.length - tail, output.length));
			assertThat(captured.omittedBytes()).isEqualTo(output.length - limit);
		}
	}

}
