package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;

import io.github.ipcboot.tcp.PeerCredentials;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The validation of {@code unix:} addresses and the rules of {@link UnixSocketOptions}: which
 * options count as empty and which peers they allow (by uid and gid: numbers no user or group is
 * named after stand for ids here).
 */
class UnixSocketOptionsAndAddressesTests {

	private static final UserPrincipalLookupService LOOKUP = FileSystems.getDefault().getUserPrincipalLookupService();

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
		assertThat(UnixSocketOptions.of(null, List.of("root"), List.of()).isEmpty()).isFalse();
		assertThat(UnixSocketOptions.of(null, List.of(), List.of("0")).isEmpty()).isFalse();
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
	void anyPeerIsAllowedWithoutLists() throws IOException {
		assertThat(UnixSocketOptions.NONE.allows(null)).isTrue();
		assertThat(UnixSocketOptions.of("rw-------", List.of(), List.of()).allows(peer("4242", "4343"))).isTrue();
	}

	@Test
	void peerIsAllowedByItsUserOrItsGroup() throws IOException {
		UnixSocketOptions options = UnixSocketOptions.of(null, List.of("4242"), List.of("4343"));
		assertThat(options.allows(peer("4242", "5000"))).isTrue();
		assertThat(options.allows(peer("5000", "4343"))).isTrue();
		assertThat(options.allows(peer("5000", "5000"))).isFalse();
		assertThat(options.allows(null)).isFalse();
	}

	@Test
	void groupListAloneAllowsOnlyItsGroups() throws IOException {
		UnixSocketOptions options = UnixSocketOptions.of(null, List.of(), List.of("4343"));
		assertThat(options.allows(peer("5000", "4343"))).isTrue();
		assertThat(options.allows(peer("4343", "5000"))).isFalse();
	}

	@Test
	void userIsComparedByUidWhetherConfiguredByNameOrByNumber() throws IOException {
		// root is uid 0 on every Unix; the principal the JDK reports for a peer carries its name
		UnixSocketOptions byName = UnixSocketOptions.of(null, List.of("root"), List.of());
		UnixSocketOptions byNumber = UnixSocketOptions.of(null, List.of(" 0 "), List.of());
		PeerCredentials root = new PeerCredentials(LOOKUP.lookupPrincipalByName("root"),
				LOOKUP.lookupPrincipalByGroupName("5000"));
		assertThat(byName.allows(root)).isTrue();
		assertThat(byNumber.allows(root)).isTrue();
		assertThat(byName.allows(peer("4242", "5000"))).isFalse();
		assertThat(byNumber.allows(peer("4242", "5000"))).isFalse();
	}

	@Test
	void unknownNameIsRefusedNamingItsListAndIndex() {
		assertThatExceptionOfType(UnixPrincipalNotFoundException.class)
			.isThrownBy(() -> UnixSocketOptions.of(null, List.of("root", "no-such-user-ipcboot"), List.of()))
			.withMessage("allowed-users[1] 'no-such-user-ipcboot' is no user on this host: "
					+ "name one that exists, or give its number")
			.satisfies((ex) -> assertThat(ex.getIndex()).isEqualTo(1));
		assertThatExceptionOfType(UnixPrincipalNotFoundException.class)
			.isThrownBy(() -> UnixSocketOptions.of(null, List.of(), List.of("no-such-group-ipcboot")))
			.withMessageStartingWith("allowed-groups[0] 'no-such-group-ipcboot' is no group on this host");
	}

	private static PeerCredentials peer(String uid, String gid) throws IOException {
		return new PeerCredentials(LOOKUP.lookupPrincipalByName(uid), LOOKUP.lookupPrincipalByGroupName(gid));
	}

}
