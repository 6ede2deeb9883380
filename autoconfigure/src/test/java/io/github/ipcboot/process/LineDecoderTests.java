package io.github.ipcboot.process;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LineDecoder}.
 */
class LineDecoderTests {

	private final List<String> lines = new ArrayList<>();

	@Test
	void feedShouldSplitOnLfAndCrlfAcrossWrites() {
		LineDecoder decoder = new LineDecoder(StandardCharsets.UTF_8, this.lines::add, 1000, "test");
		feedByteByByte(decoder, "one\r\ntwo\nthree\r");
		decoder.feed(bytes("\nlast"), 0, 5);
		decoder.finish();
		assertThat(this.lines).containsExactly("one", "two", "three", "last");
	}

	@Test
	void feedShouldDecodeSequenceSplitBetweenWrites() {
		LineDecoder decoder = new LineDecoder(StandardCharsets.UTF_8, this.lines::add, 1000, "test");
		feedByteByByte(decoder, "€ and é\n");
		decoder.finish();
		assertThat(this.lines).containsExactly("€ and é");
	}

	@Test
	void feedShouldReplaceMalformedInput() {
		LineDecoder decoder = new LineDecoder(StandardCharsets.UTF_8, this.lines::add, 1000, "test");
		byte[] malformed = { 'a', (byte) 0xff, 'b', '\n', (byte) 0xe2, (byte) 0x82 };
		decoder.feed(malformed, 0, malformed.length);
		decoder.finish();
		assertThat(this.lines).containsExactly("a\uFFFDb", "\uFFFD");
	}

	@Test
	void feedShouldSplitLinesLongerThanLimit() {
		LineDecoder decoder = new LineDecoder(StandardCharsets.UTF_8, this.lines::add, 4, "test");
		decoder.feed(bytes("abcdefghij\n"), 0, 11);
		decoder.finish();
		assertThat(this.lines).containsExactly("abcd", "efgh", "ij");
	}

	@Test
	void lineOfExactlyTheLimitShouldBeOneLineWithoutAnEmptyOneAfterIt() {
		LineDecoder decoder = new LineDecoder(StandardCharsets.UTF_8, this.lines::add, 4, "test");
		byte[] input = bytes("abcd\nefgh\r\nabc\r\n\n");
		decoder.feed(input, 0, input.length);
		decoder.finish();
		assertThat(this.lines).containsExactly("abcd", "efgh", "abc", "");
	}

	@Test
	void emptyCrlfLinesShouldBeEmpty() {
		LineDecoder decoder = new LineDecoder(StandardCharsets.UTF_8, this.lines::add, 1000, "test");
		byte[] input = bytes("\r\na\r\n\r\n");
		decoder.feed(input, 0, input.length);
		decoder.finish();
		assertThat(this.lines).containsExactly("", "a", "");
	}

	@Test
	void carriageReturnsShouldNotGrowALinePastTheLimit() {
		LineDecoder decoder = new LineDecoder(StandardCharsets.UTF_8, this.lines::add, 4, "test");
		byte[] input = bytes("abcd\r\r\rx\n");
		decoder.feed(input, 0, input.length);
		decoder.finish();
		// a CR not followed by LF is content: it stays in the piece it fell in
		assertThat(this.lines).containsExactly("abcd\r", "\r\rx");
	}

	@Test
	void listenerThatThrowsShouldBeSkippedWhileDecodingGoesOn() {
		LineDecoder decoder = new LineDecoder(StandardCharsets.UTF_8, (line) -> {
			this.lines.add(line);
			throw new IllegalStateException("boom");
		}, 1000, "test");
		decoder.feed(bytes("a\nb\n"), 0, 4);
		decoder.finish();
		assertThat(this.lines).containsExactly("a");
	}

	private static void feedByteByByte(LineDecoder decoder, String text) {
		byte[] bytes = bytes(text);
		for (int i = 0; i < bytes.length; i++) {
			decoder.feed(bytes, i, 1);
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
