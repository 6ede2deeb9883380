package io.github.ipcboot.tcp.unix;

import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import io.github.ipcboot.tcp.PeerCredentials;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The validation of {@code unix:} addresses and the rules of {@link UnixSocketOptions}: which
 * options count as empty and which peers they allow.
 */
class UnixSocketOptionsAndAddressesTests {

	@Test
	void pathOfAnAddressWithoutThePrefixIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> UnixSocketAddresses.path("/run/app.sock"))
			.withMessage("address '/run/app.sock' does not start with unix:");
	}

	@Test
	void pathOfAnAddressWithoutAPathIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> UnixSocketAddresses.path("unix:"))
			.withMessage("address 'unix:' has no path after unix:");
	}

	@Test
	void pathLongerThanSunPathIsRefusedWithItsLength() {
		String address = "unix:/" + "a".repeat(107);
		assertThatIllegalArgumentException().isThrownBy(() -> UnixSocketAddresses.path(address))
			.withMessageContaining("has 108 bytes")
			.withMessageContaining("at most 107");
		assertThat(UnixSocketAddresses.path("unix:/" + "a".repeat(106))).hasToString("/" + "a".repeat(106));
	}

	@Test
	void pathWithANulCharacterIsNotAValidPath() {
		assertThatIllegalArgumentException().isThrownBy(() -> UnixSocketAddresses.path("unix:/tmp/a\0b"))
			.withMessageStartingWith("address 'unix:/tmp/a\0b' is not a valid path: ");
	}

	@Test
	void optionsWithOnlyAModeOrOnlyAListAreNotEmpty() {
		assertThat(UnixSocketOptions.NONE.isEmpty()).isTrue();
		assertThat(UnixSocketOptions.of("rw-------", List.of(), List.of()).isEmpty()).isFalse();
		assertThat(UnixSocketOptions.of(null, List.of("app"), List.of()).isEmpty()).isFalse();
		assertThat(UnixSocketOptions.of(null, List.of(), List.of("ops")).isEmpty()).isFalse();
	}

	@Test
	void modeIsParsedAndShownAsLsShowsIt() {
		UnixSocketOptions options = UnixSocketOptions.of("rw-rw----", List.of(), List.of());
		assertThat(options.permissions()).isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
		assertThat(options.permissionsText()).isEqualTo("rw-rw----");
		assertThat(UnixSocketOptions.NONE.permissionsText()).isNull();
	}

	@Test
	void modeThatIsNotNineCharactersIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> UnixSocketOptions.of("rw-", List.of(), List.of()))
			.withMessageStartingWith("socket-permissions 'rw-' is not a mode like rw-rw----");
	}

	@Test
	void anyPeerIsAllowedWithoutLists() {
		assertThat(UnixSocketOptions.NONE.allows(null)).isTrue();
		assertThat(UnixSocketOptions.of("rw-------", List.of(), List.of()).allows(new PeerCredentials("x", "y")))
			.isTrue();
	}

	@Test
	void peerIsAllowedByItsUserOrItsGroup() {
		UnixSocketOptions options = UnixSocketOptions.of(null, List.of("app"), List.of("ops"));
		assertThat(options.allows(new PeerCredentials("app", "staff"))).isTrue();
		assertThat(options.allows(new PeerCredentials("bob", "ops"))).isTrue();
		assertThat(options.allows(new PeerCredentials("bob", "staff"))).isFalse();
		assertThat(options.allows(null)).isFalse();
	}

	@Test
	void groupListAloneAllowsOnlyItsGroups() {
		UnixSocketOptions options = UnixSocketOptions.of(null, List.of(), List.of("ops"));
		assertThat(options.allows(new PeerCredentials("bob", "ops"))).isTrue();
		assertThat(options.allows(new PeerCredentials("bob", "staff"))).isFalse();
	}

}
