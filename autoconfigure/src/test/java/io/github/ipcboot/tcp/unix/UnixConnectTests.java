package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Which failed connects {@link UnixConnect} tries again: told by the exception's type and the
 * socket file, never by the (localised) text of the message.
 */
class UnixConnectTests {

	@TempDir
	Path directory;

	@Test
	void theJdksFailureForAFullBacklogIsRetried() throws IOException {
		Path socket = this.directory.resolve("full.sock");
		List<SocketChannel> queued = new ArrayList<>();
		try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			server.bind(UnixDomainSocketAddress.of(socket), 1);
			UnixConnectionFactoryTests.fillBacklog(socket, queued);
			try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
				channel.configureBlocking(false);
				SocketException ex = assertThrows(SocketException.class,
						() -> channel.connect(UnixDomainSocketAddress.of(socket)));
				assertThat(UnixConnect.isRetryable(ex, socket)).isTrue();
			}
		}
		finally {
			for (SocketChannel channel : queued) {
				channel.close();
			}
		}
	}

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
