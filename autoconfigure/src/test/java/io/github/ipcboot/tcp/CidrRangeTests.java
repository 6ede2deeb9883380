package io.github.ipcboot.tcp;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CidrRange}: strict parsing of IPv4 and IPv6 literals with prefixes, never a name
 * look-up, and membership at every prefix length.
 */
class CidrRangeTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			10.0.0.0/8            | 10.0.0.0        | true
			10.0.0.0/8            | 10.255.255.255  | true
			10.0.0.0/8            | 11.0.0.0        | false
			10.0.0.0/8            | 9.255.255.255   | false
			127.0.0.1             | 127.0.0.1       | true
			127.0.0.1             | 127.0.0.2       | false
			0.0.0.0/0             | 203.0.113.7     | true
			0.0.0.0/0             | ::1             | false
			255.255.255.255/32    | 255.255.255.255 | true
			"  192.168.0.0/16  "  | 192.168.77.1    | true
			10.128.0.0/9          | 10.128.0.1      | true
			10.128.0.0/9          | 10.255.255.255  | true
			10.128.0.0/9          | 10.127.255.255  | false
			172.16.0.0/12         | 172.31.255.255  | true
			172.16.0.0/12         | 172.32.0.0      | false
			192.168.1.128/25      | 192.168.1.128   | true
			192.168.1.128/25      | 192.168.1.127   | false
			192.168.1.0/31        | 192.168.1.1     | true
			192.168.1.0/31        | 192.168.1.2     | false
			::1                   | ::1             | true
			::1/128               | ::1             | true
			::1/128               | ::2             | false
			::1/128               | 127.0.0.1       | false
			::/0                  | 2001:db8::1     | true
			::/0                  | 10.0.0.1        | false
			fe80::/10             | fe80::1         | true
			fe80::/10             | febf:ffff::1    | true
			fe80::/10             | fec0::1         | false
			2001:db8::/121        | 2001:db8::7f    | true
			2001:db8::/121        | 2001:db8::80    | false
			2001:DB8:0:0:0:0:0:0/32 | 2001:db8:ffff::1 | true
			1:2:3:4:5:6:7::       | 1:2:3:4:5:6:7:0 | true
			::ffff:10.0.0.0/104   | 10.1.2.3        | true
			::ffff:10.0.0.0/104   | 11.0.0.1        | false
			::ffff:127.0.0.1      | 127.0.0.1       | true
			::ffff:0:0/96         | 198.51.100.1    | true
			::fffe:0:0/95         | 198.51.100.1    | false
			64:ff9b::192.0.2.0/120 | 64:ff9b::c000:2ff | true
			""")
	void rangeShouldContainExactlyTheAddressesOfItsPrefix(String range, String address, boolean contained)
			throws UnknownHostException {
		assertThat(CidrRange.parse(range).contains(InetAddress.getByName(address))).isEqualTo(contained);
	}

	@Test
	void ipv4MappedIpv6AddressShouldMatchTheIpv4RangeItMaps() throws UnknownHostException {
		byte[] mapped = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 10, 1, 2, 3 };
		Inet6Address client = Inet6Address.getByAddress(null, mapped, -1);
		assertThat(CidrRange.parse("10.0.0.0/8").contains(client)).isTrue();
		assertThat(CidrRange.parse("11.0.0.0/8").contains(client)).isFalse();
	}

	@Test
	void mappedRangeOfExactly96BitsShouldBeEveryIpv4Address() throws UnknownHostException {
		CidrRange range = CidrRange.parse("::ffff:0:0/96");
		assertThat(range.contains(InetAddress.getByName("198.51.100.1"))).isTrue();
		assertThat(range.contains(InetAddress.getByName("::1"))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "192.168/16", "10/8", "10.1", "10.1.2", "1.2.3.4.5", "256.0.0.1",
			"1.2.3.999", "010.0.0.1", "1.02.3.4", "1.2.3.-1", "1.2.3.+1", "1..2.3", "1.2.3.", ".1.2.3",
			"0x7f.0.0.1", "1.2.3.4 5", "١٢٧.0.0.1", "localhost", "example.com", "my-host", "not an ip", "*",
			"1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3", ":1", "1:", ":::", "12345::", "g::1", "[::1]",
			"fe80::1%eth0", "fe80::1%1", "1.2.3.4::", "::1.2.3", "::1.2.3.4.5", "1:2:3:4:5:6:7:8::",
			"::ffff:999.0.0.1", "::ffff:1.2.3.4:5",
			"1.2.3.0000", "::1.2.3.x", "::1]", "G::1", "::1:fffg" })
	void textThatIsNotAnAddressShouldBeRefused(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> CidrRange.parse(text))
			.withMessageStartingWith("'" + text.trim() + "' is not an IP address or CIDR range: ");
	}

	@Test
	void hostNameShouldBeRefusedWithoutALookUp() {
		assertThatIllegalArgumentException().isThrownBy(() -> CidrRange.parse("localhost/32"))
			.withMessage("'localhost/32' is not an IP address or CIDR range: host names are not looked up; "
					+ "write an IPv4 or IPv6 address");
	}

	@Test
	void ipv4ShorthandShouldBeRefusedAndSaySo() {
		assertThatIllegalArgumentException().isThrownBy(() -> CidrRange.parse("192.168/16"))
			.withMessage("'192.168/16' is not an IP address or CIDR range: an IPv4 address needs exactly four "
					+ "decimal octets (a.b.c.d)");
	}

	@Test
	void leadingZeroShouldBeRefusedAsAmbiguous() {
		assertThatIllegalArgumentException().isThrownBy(() -> CidrRange.parse("10.0.0.010"))
			.withMessageContaining("octet '010' has a leading zero");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			10.0.0.0/       | needs a prefix length of 0-32 after the '/', found ''
			10.0.0.0/33     | has a prefix length outside 0-32
			10.0.0.0/-1     | found '-1'
			10.0.0.0/+8     | found '+8'
			10.0.0.0/8/8    | found '8/8'
			10.0.0.0/abc    | found 'abc'
			10.0.0.0/1000   | found '1000'
			10.0.0.0/ 8     | found ' 8'
			::1/129         | has a prefix length outside 0-128
			::/             | needs a prefix length of 0-128
			""")
	void badPrefixShouldBeRefused(String text, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> CidrRange.parse(text)).withMessageContaining(message);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			10.1.2.3/8          | 10.0.0.0/8
			127.0.0.1/8         | 127.0.0.0/8
			192.168.1.129/25    | 192.168.1.128/25
			10.255.0.0/9        | 10.128.0.0/9
			1.0.0.0/0           | 0.0.0.0/0
			fe80::1/10          | fe80:0:0:0:0:0:0:0/10
			2001:db8::ff/121    | 2001:db8:0:0:0:0:0:80/121
			::ffff:10.1.0.0/104 | 10.0.0.0/8
			::ffff:10.0.0.0/95  | 0:0:0:0:0:fffe:0:0/95
			""")
	void bitsSetAfterThePrefixShouldBeRefusedNamingTheNetwork(String text, String network) {
		assertThatIllegalArgumentException().isThrownBy(() -> CidrRange.parse(text))
			.withMessageStartingWith("'" + text + "' has bits set after its")
			.withMessageEndingWith("the range is written " + network);
	}

	@Test
	void toStringShouldBeTheTextAsConfigured() {
		assertThat(CidrRange.parse(" fe80::/10 ")).hasToString("fe80::/10");
	}

	@Property(tries = 500)
	void everyAddressShouldParseAsJavaWritesIt(@ForAll @Size(min = 16, max = 16) byte[] ipv6,
			@ForAll @Size(min = 4, max = 4) byte[] ipv4) throws UnknownHostException {
		for (byte[] bytes : new byte[][] { ipv6, ipv4 }) {
			InetAddress address = InetAddress.getByAddress(bytes);
			CidrRange range = CidrRange.parse(address.getHostAddress());
			assertThat(range.contains(address)).isTrue();
		}
	}

	@Property(tries = 2000)
	void membershipShouldMatchAComparisonOfTheFirstPrefixBits(@ForAll @Size(min = 16, max = 16) byte[] network,
			@ForAll @Size(min = 16, max = 16) byte[] candidate, @ForAll @IntRange(min = 0, max = 128) int prefix,
			@ForAll @IntRange(min = 0, max = 128) int sharedBits) throws UnknownHostException {
		// candidates that share a random number of leading bits with the network, to reach every boundary
		BigInteger mask = prefixMask(sharedBits);
		BigInteger mixed = new BigInteger(1, network).and(mask).or(new BigInteger(1, candidate).andNot(mask));
		BigInteger networkBits = new BigInteger(1, network).and(prefixMask(prefix));
		InetAddress networkAddress = InetAddress.getByAddress(bytes16(networkBits));
		InetAddress client = InetAddress.getByAddress(bytes16(mixed));
		boolean expected = mixed.and(prefixMask(prefix)).equals(networkBits);
		if (networkAddress.getAddress().length == 4 || client.getAddress().length == 4) {
			// IPv4-mapped: Java reports them as IPv4 addresses, compared as such
			return;
		}
		CidrRange range = CidrRange.parse(networkAddress.getHostAddress() + "/" + prefix);
		assertThat(range.contains(client)).isEqualTo(expected);
	}

	private static BigInteger prefixMask(int bits) {
		return BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE).shiftRight(128 - bits).shiftLeft(128 - bits);
	}

	private static byte[] bytes16(BigInteger value) {
		byte[] raw = value.toByteArray();
		byte[] bytes = new byte[16];
		int length = Math.min(raw.length, 16);
		System.arraycopy(raw, raw.length - length, bytes, 16 - length, length);
		return bytes;
	}

}
