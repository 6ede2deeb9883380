package io.github.ipcboot.tcp;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardSocketOptions;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A {@link WatchedSocket} is the accepted socket for everything but the TLS layer's writes: over
 * a real loopback connection, its options and addresses are the plain socket's, it cannot be
 * connected or bound again, and bytes written before any clock is watched reach the peer.
 */
class WatchedSocketTests {

	private ServerSocket server;

	private Socket peer;

	private Socket accepted;

	private WatchedSocket watched;

	@BeforeEach
	void connect() throws Exception {
		this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		this.peer = new Socket(InetAddress.getLoopbackAddress(), this.server.getLocalPort());
		this.accepted = this.server.accept();
		this.watched = new WatchedSocket(this.accepted);
	}

	@AfterEach
	void close() throws Exception {
		this.watched.close();
		this.peer.close();
		this.server.close();
	}

	@Test
	void optionsShouldBeThoseOfThePlainSocket() throws Exception {
		this.watched.setTcpNoDelay(true);
		assertThat(this.accepted.getTcpNoDelay()).isTrue();
		assertThat(this.watched.getTcpNoDelay()).isTrue();
		this.watched.setKeepAlive(true);
		assertThat(this.accepted.getKeepAlive()).isTrue();
		assertThat(this.watched.getKeepAlive()).isTrue();
		this.watched.setSoLinger(true, 3);
		assertThat(this.accepted.getSoLinger()).isEqualTo(3);
		this.watched.setSendBufferSize(65536);
		assertThat(this.watched.getSendBufferSize()).isEqualTo(this.accepted.getSendBufferSize());
		this.watched.setReceiveBufferSize(65536);
		assertThat(this.watched.getReceiveBufferSize()).isEqualTo(this.accepted.getReceiveBufferSize());
		this.watched.setOOBInline(true);
		assertThat(this.watched.getOOBInline()).isEqualTo(this.accepted.getOOBInline()).isTrue();
		this.watched.setReuseAddress(true);
		assertThat(this.watched.getReuseAddress()).isEqualTo(this.accepted.getReuseAddress());
		this.watched.setTrafficClass(0x10);
		assertThat(this.watched.getTrafficClass()).isEqualTo(this.accepted.getTrafficClass());
		this.watched.setOption(StandardSocketOptions.SO_KEEPALIVE, false);
		assertThat(this.watched.getOption(StandardSocketOptions.SO_KEEPALIVE)).isFalse();
		assertThat(this.accepted.getKeepAlive()).isFalse();
		assertThat(this.watched.supportedOptions()).isEqualTo(this.accepted.supportedOptions());
		this.watched.setPerformancePreferences(0, 1, 2);
	}

	@Test
	void addressesAndStateShouldBeThoseOfThePlainSocket() {
		assertThat(this.watched.getLocalAddress()).isEqualTo(this.accepted.getLocalAddress());
		assertThat(this.watched.getInetAddress()).isEqualTo(this.accepted.getInetAddress());
		assertThat(this.watched.getRemoteSocketAddress()).isEqualTo(this.accepted.getRemoteSocketAddress());
		assertThat(this.watched.getLocalSocketAddress()).isEqualTo(this.accepted.getLocalSocketAddress());
		assertThat(this.watched.isBound()).isTrue();
		assertThat(this.watched.isClosed()).isFalse();
		assertThat(this.watched.toString()).isEqualTo(this.accepted.toString());
	}

	@Test
	void connectingOrBindingAgainShouldBeRefused() {
		InetSocketAddress elsewhere = new InetSocketAddress(InetAddress.getLoopbackAddress(), this.server.getLocalPort());
		assertThatExceptionOfType(SocketException.class).isThrownBy(() -> this.watched.connect(elsewhere, 1000))
			.withMessage("Already connected");
		assertThatExceptionOfType(SocketException.class).isThrownBy(() -> this.watched.bind(elsewhere))
			.withMessage("Already bound");
	}

	@Test
	void bytesWrittenBeforeAnyClockShouldReachThePeer() throws Exception {
		OutputStream out = this.watched.getOutputStream();
		out.write('A');
		out.write(new byte[] { 'B', 'C' }, 0, 2);
		out.flush();
		this.peer.setSoTimeout(20_000);
		InputStream in = this.peer.getInputStream();
		assertThat(in.readNBytes(3)).isEqualTo(new byte[] { 'A', 'B', 'C' });
		out.close();
		assertThat(in.read()).isEqualTo(-1);
	}

	@Test
	void urgentDataShouldGoThroughThePlainSocket() throws Exception {
		this.peer.setOOBInline(true);
		this.watched.sendUrgentData('U');
		this.peer.setSoTimeout(20_000);
		assertThat(this.peer.getInputStream().read()).isEqualTo('U');
	}

}
