package io.github.ipcboot.process;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CapturedOutput}: the head, tail and count of a captured stream, and its text.
 */
class CapturedOutputTests {

	private static final byte[] HEAD = "first\n".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] TAIL = "last\n".getBytes(StandardCharsets.US_ASCII);

	@Test
	void totalShorterThanWhatWasCapturedShouldBeRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CapturedOutput(HEAD, TAIL, 10, StandardCharsets.US_ASCII))
			.withMessage("Total of 10 bytes is less than the 6 + 5 bytes captured");
		assertThat(new CapturedOutput(HEAD, TAIL, 11, StandardCharsets.US_ASCII).truncated()).isFalse();
	}

	@Test
	void emptyOutputShouldHaveNoBytesNoTextAndNoLines() {
		CapturedOutput empty = CapturedOutput.empty(StandardCharsets.UTF_8);
		assertThat(empty.bytes()).isEmpty();
		assertThat(empty.text()).isEmpty();
		assertThat(empty.lines()).isEmpty();
		assertThat(empty.truncated()).isFalse();
		assertThat(empty.omittedBytes()).isZero();
		assertThat(empty).hasToString("CapturedOutput[0 bytes]");
	}

	@Test
	void completeOutputShouldKeepItsOwnCopyOfTheBytes() {
		byte[] bytes = "a\r\nb\n".getBytes(StandardCharsets.US_ASCII);
		CapturedOutput output = CapturedOutput.of(bytes, StandardCharsets.US_ASCII);
		bytes[0] = 'z';
		assertThat(output.text()).isEqualTo("a\r\nb\n");
		assertThat(output.lines()).containsExactly("a", "b");
		assertThat(output.totalBytes()).isEqualTo(5);
		assertThat(output.tail()).isEmpty();
		assertThat(output.truncated()).isFalse();
	}

	@Test
	void headAndTailThatAccountForEveryByteShouldJoinWithoutAMarker() {
		CapturedOutput output = new CapturedOutput(HEAD, TAIL, 11, StandardCharsets.US_ASCII);
		assertThat(output.bytes()).asString(StandardCharsets.US_ASCII).isEqualTo("first\nlast\n");
		assertThat(output.text()).isEqualTo("first\nlast\n");
		assertThat(output).hasToString("CapturedOutput[11 bytes]");
	}

	@Test
	void truncatedOutputShouldShowHowManyBytesWereOmittedBetweenHeadAndTail() {
		CapturedOutput output = new CapturedOutput(HEAD, TAIL, 1011, StandardCharsets.US_ASCII);
		assertThat(output.truncated()).isTrue();
		assertThat(output.omittedBytes()).isEqualTo(1000);
		assertThat(output.joinedBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("first\nlast\n");
		assertThat(output.joinedText()).isEqualTo("first\n\n[... 1000 bytes omitted ...]\nlast\n");
		assertThat(output).hasToString("CapturedOutput[1011 bytes, truncated]");
	}

	@Test
	void truncatedOutputShouldRefuseToBeReadAsIfItWereWhole() {
		CapturedOutput output = new CapturedOutput(HEAD, TAIL, 1011, StandardCharsets.US_ASCII);
		String message = "Output is truncated: 1011 bytes produced, 11 kept (6 of the head and 5 of the tail), "
				+ "1000 discarded; read head(), tail() or joinedText(), raise max-captured-output, "
				+ "or stream the output with stdoutTo(...)";
		assertThatExceptionOfType(OutputTruncatedException.class).isThrownBy(output::bytes)
			.withMessage(message)
			.satisfies((ex) -> {
				assertThat(ex.getTotalBytes()).isEqualTo(1011);
				assertThat(ex.getKeptBytes()).isEqualTo(11);
			});
		assertThatExceptionOfType(OutputTruncatedException.class).isThrownBy(output::text).withMessage(message);
		assertThatExceptionOfType(OutputTruncatedException.class).isThrownBy(output::lines).withMessage(message);
		assertThat(output.head()).asString(StandardCharsets.US_ASCII).isEqualTo("first\n");
		assertThat(output.tail()).asString(StandardCharsets.US_ASCII).isEqualTo("last\n");
	}

	@Test
	void malformedInputShouldBeReplacedNotThrown() {
		CapturedOutput output = CapturedOutput.of(new byte[] { 'o', 'k', (byte) 0xff }, StandardCharsets.UTF_8);
		assertThat(output.text()).isEqualTo("ok\ufffd");
		CapturedOutput latin1 = CapturedOutput.of(new byte[] { 'o', 'k', (byte) 0xff }, StandardCharsets.ISO_8859_1);
		assertThat(latin1.text()).isEqualTo("ok\u00ff");
	}

	@Test
	void equalityShouldCompareTheBytesTheCountAndTheCharset() {
		CapturedOutput output = new CapturedOutput(HEAD, TAIL, 20, StandardCharsets.US_ASCII);
		CapturedOutput same = new CapturedOutput(HEAD.clone(), TAIL.clone(), 20, StandardCharsets.US_ASCII);
		assertThat(output).isEqualTo(output).isEqualTo(same).hasSameHashCodeAs(same);
		assertThat(output).isNotEqualTo(new CapturedOutput(HEAD, TAIL, 21, StandardCharsets.US_ASCII))
			.isNotEqualTo(new CapturedOutput(TAIL, TAIL, 20, StandardCharsets.US_ASCII))
			.isNotEqualTo(new CapturedOutput(HEAD, HEAD, 20, StandardCharsets.US_ASCII))
			.isNotEqualTo(new CapturedOutput(HEAD, TAIL, 20, StandardCharsets.UTF_8))
			.isNotEqualTo("first\nlast\n");
		assertThat(output.hashCode()).isNotEqualTo(new CapturedOutput(TAIL, HEAD, 20, StandardCharsets.US_ASCII).hashCode());
	}

}
