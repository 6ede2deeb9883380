package io.github.ipcboot.tcp.unix;

import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which failed connects {@link UnixConnect} tries again: told by the exception's type and the
 * socket file, never by the (localised) text of the message. The JDK's own failure for a full
 * backlog is checked by {@link UnixConnectionFactoryTests#fillBacklog}, which every full-backlog
 * test uses.
 */
class UnixConnectTests {

	@TempDir
	Path directory;

	@Test
	void aFullBacklogReportedInAnotherLanguageIsRetried() {
		Path socket = this.directory.resolve("existing.sock");
		assertThat(socket.toFile().mkdir()).isTrue();
		// glibc's text for EAGAIN under LANGUAGE=de
		assertThat(UnixConnect.isRetryable(new SocketException("Die Ressource ist zur Zeit nicht verfügbar"), socket))
			.isTrue();
	}

	@Test
	void aMissingSocketFileNothingListeningOrNoPermissionFailAtOnce() {
		Path missing = this.directory.resolve("missing.sock");
		assertThat(UnixConnect.isRetryable(new SocketException("No such file or directory"), missing)).isFalse();
		Path existing = this.directory;
		assertThat(UnixConnect.isRetryable(new ConnectException("Connection refused"), existing)).isFalse();
		assertThat(UnixConnect.isRetryable(new BindException("Permission denied"), existing)).isFalse();
		assertThatExceptionOfType(SocketException.class)
			.isThrownBy(() -> UnixConnect.open(UnixDomainSocketAddress.of(missing), Duration.ofSeconds(30)).close())
			.isNotInstanceOf(SocketTimeoutException.class);
	}

}
