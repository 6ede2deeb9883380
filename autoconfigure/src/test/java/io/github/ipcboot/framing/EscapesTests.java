package io.github.ipcboot.framing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Escapes}.
 */
class EscapesTests {

	@Test
	void parseShouldInterpretEveryEscape() {
		assertThat(Escapes.parse("\\r\\n\\t\\\\\\x00\\xFFa\\x1c")).containsExactly('\r', '\n', '\t', '\\', 0x00, 0xff,
				'a', 0x1c);
	}

	@Test
	void parseShouldEncodeOtherCharactersAsUtf8() {
		assertThat(Escapes.parse("é")).containsExactly(0xc3, 0xa9);
		assertThat(Escapes.parse("\r\n")).containsExactly('\r', '\n');
	}

	@Test
	void formatShouldRoundTripEveryByteValue() {
		byte[] all = new byte[256];
		for (int i = 0; i < all.length; i++) {
			all[i] = (byte) i;
		}
		assertThat(Escapes.parse(Escapes.format(all))).isEqualTo(all);
		assertThat(Escapes.format(new byte[] { '\r', '\n', 0x0b, 'x', (byte) 0xff })).isEqualTo("\\r\\n\\x0bx\\xff");
	}

	@Test
	void parseShouldRejectUnknownAndIncompleteEscapes() {
		assertThatIllegalArgumentException().isThrownBy(() -> Escapes.parse("a\\q"))
			.withMessageContaining("Unknown escape '\\q' at index 1");
		assertThatIllegalArgumentException().isThrownBy(() -> Escapes.parse("\\x1"))
			.withMessageContaining("needs two hex digits");
		assertThatIllegalArgumentException().isThrownBy(() -> Escapes.parse("\\xzz"))
			.withMessageContaining("got 'zz'");
		assertThatIllegalArgumentException().isThrownBy(() -> Escapes.parse("\\x\u0661\u0661"))
			.withMessageContaining("needs two hex digits");
		assertThatIllegalArgumentException().isThrownBy(() -> Escapes.parse("end\\"))
			.withMessageContaining("Incomplete escape");
	}

	@Test
	void formatShouldEscapeControlBytesAndDeleteButNotSpaceOrTilde() {
		assertThat(Escapes.format(new byte[] { ' ', '~', 0x1f, 0x7f })).isEqualTo(" ~\\x1f\\x7f");
	}

	@Test
	void parseShouldTakeEveryHexDigitInBothCases() {
		assertThat(Escapes.parse("\\x09\\x90\\xaf\\xFA\\xAf")).containsExactly(0x09, 0x90, 0xaf, 0xfa, 0xaf);
	}

	@Test
	void parseErrorsShouldNameWhereTheEscapeStarts() {
		assertThatIllegalArgumentException().isThrownBy(() -> Escapes.parse("ab\\x1"))
			.withMessage("Escape \\x at index 2 of 'ab\\x1' needs two hex digits");
		assertThatIllegalArgumentException().isThrownBy(() -> Escapes.parse("ab\\xzz"))
			.withMessage("Escape \\x at index 2 of 'ab\\xzz' needs two hex digits, got 'zz'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/0", ":0", "@0", "G0", "`0", "g0", "0/", "0:", "0@", "0G", "0`", "0g" })
	void charactersNextToTheHexDigitRangesShouldBeRefused(String digits) {
		assertThatIllegalArgumentException().isThrownBy(() -> Escapes.parse("\\x" + digits))
			.withMessage("Escape \\x at index 0 of '\\x" + digits + "' needs two hex digits, got '" + digits + "'");
	}

}
