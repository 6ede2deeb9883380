package io.github.ipcboot.tcp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link IpAddressLiteral}: which text is meant as an address, and the reason given for
 * each way an address can be malformed ({@code CidrRangeTests} checks the addresses themselves).
 */
class IpAddressLiteralTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			10.0.0.1       | true
			0              | true
			9.9.9.9        | true
			999.1.1.1      | true
			::1            | true
			fe80::1%eth0   | true
			localhost      | false
			db-1.internal  | false
			10.0.0.1a      | false
			1/2            | false
			""")
	void textWithAColonOrOnlyDigitsAndDotsShouldBeMeantAsALiteral(String text, boolean literal) {
		assertThat(IpAddressLiteral.looksLikeLiteral(text)).isEqualTo(literal);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			[::1              | write an IPv6 address without brackets
			::1]              | write an IPv6 address without brackets
			]::1              | write an IPv6 address without brackets
			%1::1             | an IPv6 zone (%...) does not belong here
			::1::2            | '::' may appear only once
			1::2::3           | '::' may appear only once
			1::2:3:4:5:6:7:8  | too many groups for an IPv6 address with '::'
			::1:2:3:4:5:6:7:8 | too many groups for an IPv6 address with '::'
			1:2:3:4:5:6:7     | an IPv6 address needs 8 groups or '::', found 7
			::.1.2.3          | '' is not an octet of 0-255
			::12345           | '12345' is not a group of 1-4 hexadecimal digits
			`::1              | '`' is not a group of 1-4 hexadecimal digits
			@::1              | '@' is not a group of 1-4 hexadecimal digits
			g::1              | 'g' is not a group of 1-4 hexadecimal digits
			G::1              | 'G' is not a group of 1-4 hexadecimal digits
			""")
	void malformedIpv6ShouldBeRefusedSayingWhy(String text, String reason) {
		assertThatIllegalArgumentException().isThrownBy(() -> IpAddressLiteral.parse(text)).withMessage(reason);
	}

	@ParameterizedTest
	@ValueSource(strings = { "a:f:A:F::", "::7", "1:2:3:4:5:6:7::", "::1:2:3:4:5:6:7", "0:0:0:0:0:0:0:0" })
	void wellFormedIpv6ShouldBeRead(String text) {
		assertThat(IpAddressLiteral.parse(text)).hasSize(16);
	}

}
