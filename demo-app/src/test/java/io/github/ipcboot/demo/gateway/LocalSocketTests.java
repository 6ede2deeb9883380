package io.github.ipcboot.demo.gateway;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.github.ipcboot.demo.GatewayTest;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.unix.UnixSocketAddresses;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code commands} protocol on the {@code commands-local} Unix domain socket, served by the
 * same listener method as the TCP server.
 */
@GatewayTest
class LocalSocketTests {

	@Autowired
	private TcpServers servers;

	@Test
	void localSocketShouldSpeakTheCommandsProtocolToItsOwnerOnly() throws Exception {
		String address = this.servers.get(CommandGatewayListener.LOCAL_SERVER).getSettings().address();
		Path socket = UnixSocketAddresses.path(address);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket, LinkOption.NOFOLLOW_LINKS)))
			.isEqualTo("rw-------");
		// blocking channel I/O, one request at a time: the test's @Timeout bounds every read
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(socket));
			OutputStream out = Channels.newOutputStream(channel);
			BufferedReader in = new BufferedReader(
					new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
			out.write("PING\r\n".getBytes(StandardCharsets.UTF_8));
			out.flush();
			assertThat(in.readLine()).isEqualTo("OK PONG");
			out.write("ECHO over a Unix socket\r\n".getBytes(StandardCharsets.UTF_8));
			out.flush();
			assertThat(in.readLine()).isEqualTo("OK over a Unix socket");
		}
	}

}
