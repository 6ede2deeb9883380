package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.github.ipcboot.tcp.PeerCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@link UnixChannelView} and its {@link UnixPeerSocket} over a real connected pair of Unix
 * domain socket channels: the delegated channel operations, gathering and scattering I/O, the
 * blocking streams with their timeout, end of stream and close, and the socket's stand-in values.
 */
class UnixChannelViewTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@TempDir
	Path dir;

	private UnixChannelPair pair;

	private SocketChannel client;

	private SocketChannel accepted;

	private UnixChannelView view;

	@BeforeEach
	void connect() throws IOException {
		this.pair = UnixChannelPair.connect(this.dir.resolve("view.sock"));
		this.client = this.pair.client();
		this.accepted = this.pair.accepted();
		this.accepted.configureBlocking(false);
		this.view = new UnixChannelView(this.accepted, UnixChannelView.readCredentials(this.accepted));
	}

	@AfterEach
	void close() throws IOException {
		this.view.close();
		this.pair.close();
	}

	@Test
	void anAcceptedChannelsCredentialsAreReadOnFirstDemandOnly() throws Exception {
		UnixChannelView accepted = UnixChannelView.accepted(this.accepted);
		// nothing looked up on the accepting thread
		assertThat(accepted.credentialsKnown()).isFalse();
		PeerCredentials asked = CompletableFuture.supplyAsync(accepted::peerCredentials)
			.get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
		assertThat(accepted.credentialsKnown()).isTrue();
		assertThat(asked).isEqualTo(this.view.peerCredentials());
		assertThat(accepted.peerCredentials()).isSameAs(asked);
	}

	@Test
	void credentialsOfAUnixPeerNameTheUserOfThisProcess() {
		assertThat(this.view.peerCredentials()).isNotNull();
		assertThat(this.view.peerCredentials().user()).isEqualTo(System.getProperty("user.name"));
	}

	@Test
	void credentialsOfATcpChannelAreUnknown() throws IOException {
		try (ServerSocketChannel tcp = ServerSocketChannel.open()) {
			tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			try (SocketChannel channel = SocketChannel.open(tcp.getLocalAddress());
					SocketChannel other = tcp.accept()) {
				assertThat(UnixChannelView.readCredentials(channel)).isNull();
			}
		}
	}

	@Test
	void gatheringWriteWritesTheSelectedBuffersInOrder() throws IOException {
		ByteBuffer[] buffers = { utf8("skip"), utf8("ab"), utf8("cde"), utf8("skip") };
		assertThat(this.view.write(buffers, 1, 2)).isEqualTo(5);
		assertThat(readFromClient(5)).isEqualTo("abcde");
		assertThat(buffers[0].remaining()).isEqualTo(4);
	}

	@Test
	void scatteringReadFillsTheBuffersInOrder() throws IOException {
		this.client.write(utf8("abcde"));
		ByteBuffer first = ByteBuffer.allocate(2);
		ByteBuffer second = ByteBuffer.allocate(3);
		long read = 0;
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (read < 5 && System.nanoTime() < deadline) {
			read += this.view.read(new ByteBuffer[] { first, second }, 0, 2);
		}
		assertThat(read).isEqualTo(5);
		assertThat(new String(first.array(), StandardCharsets.UTF_8)).isEqualTo("ab");
		assertThat(new String(second.array(), StandardCharsets.UTF_8)).isEqualTo("cde");
	}

	@Test
	void channelQueriesAreThoseOfTheWrappedChannel() throws IOException {
		assertThat(this.view.isConnected()).isTrue();
		assertThat(this.view.isConnectionPending()).isFalse();
		assertThat(this.view.finishConnect()).isTrue();
		assertThat(this.view.getLocalAddress()).isEqualTo(this.accepted.getLocalAddress());
		assertThat(this.view.getRemoteAddress()).isEqualTo(this.accepted.getRemoteAddress());
		assertThat(this.view.supportedOptions()).isEqualTo(this.accepted.supportedOptions())
			.contains(StandardSocketOptions.SO_SNDBUF);
		assertThat(this.view.toString()).startsWith("UnixChannelView[").contains(this.accepted.toString());
	}

	@Test
	void optionsAreSetOnTheWrappedChannel() throws IOException {
		assertThat(this.view.setOption(StandardSocketOptions.SO_SNDBUF, 65536)).isSameAs(this.view);
		assertThat(this.view.getOption(StandardSocketOptions.SO_SNDBUF))
			.isEqualTo(this.accepted.getOption(StandardSocketOptions.SO_SNDBUF))
			.isGreaterThanOrEqualTo(65536);
	}

	@Test
	void aConnectedChannelCannotBeBoundOrConnectedAgain() {
		assertThatExceptionOfType(AlreadyBoundException.class).isThrownBy(() -> this.view.bind(null));
		assertThatExceptionOfType(AlreadyConnectedException.class)
			.isThrownBy(() -> this.view.connect(this.pair.server().getLocalAddress()));
	}

	@Test
	void blockingModeIsThatOfTheWrappedChannel() throws IOException {
		// a new view counts as blocking, so the first change is to non-blocking
		this.view.configureBlocking(false);
		assertThat(this.accepted.isBlocking()).isFalse();
		this.view.configureBlocking(true);
		assertThat(this.accepted.isBlocking()).isTrue();
	}

	@Test
	void readBlockingIntoAFullBufferReturnsAtOnce() throws IOException {
		assertThat(this.view.readBlocking(ByteBuffer.allocate(0), 0)).isZero();
	}

	@Test
	void readBlockingThatIsClosedMeanwhileThrowsClosedChannel() {
		CompletableFuture<Integer> reading = CompletableFuture.supplyAsync(() -> {
			try {
				return this.view.readBlocking(ByteBuffer.allocate(8), 0);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		org.awaitility.Awaitility.await().atMost(TIMEOUT).until(() -> {
			// close until the reader has seen it (it may not have entered select() yet)
			this.view.close();
			return reading.isDone();
		});
		assertThat(reading).failsWithin(TIMEOUT)
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.havingRootCause()
			.isInstanceOf(ClosedChannelException.class);
	}

	@Test
	void socketReportsLoopbackPortZeroAndTheChannel() {
		Socket socket = this.view.socket();
		InetAddress loopback = InetAddress.getLoopbackAddress();
		assertThat(socket.getInetAddress()).isEqualTo(loopback);
		assertThat(socket.getLocalAddress()).isEqualTo(loopback);
		assertThat(socket.getPort()).isZero();
		assertThat(socket.getLocalPort()).isZero();
		assertThat(socket.getRemoteSocketAddress()).isEqualTo(new InetSocketAddress(loopback, 0));
		assertThat(socket.getLocalSocketAddress()).isEqualTo(new InetSocketAddress(loopback, 0));
		assertThat(socket.getChannel()).isSameAs(this.view);
		assertThat(socket.isConnected()).isTrue();
		assertThat(socket.isBound()).isTrue();
		assertThat(socket.isClosed()).isFalse();
		assertThat(socket.toString()).isEqualTo("UnixPeerSocket[" + this.view + "]");
	}

	@Test
	void socketIgnoresTcpOptionsAndKeepsItsTimeout() throws IOException {
		Socket socket = this.view.socket();
		socket.setTcpNoDelay(false);
		assertThat(socket.getTcpNoDelay()).isTrue();
		assertThatNoException().isThrownBy(() -> {
			socket.setKeepAlive(true);
			socket.setSoLinger(true, 5);
		});
		socket.setSoTimeout(1234);
		assertThat(socket.getSoTimeout()).isEqualTo(1234);
	}

	@Test
	void socketBufferSizesAreThoseOfTheChannel() throws IOException {
		Socket socket = this.view.socket();
		socket.setSendBufferSize(65536);
		socket.setReceiveBufferSize(65536);
		assertThat(socket.getSendBufferSize()).isEqualTo(this.accepted.getOption(StandardSocketOptions.SO_SNDBUF))
			.isGreaterThanOrEqualTo(65536);
		assertThat(socket.getReceiveBufferSize())
			.isEqualTo(this.accepted.getOption(StandardSocketOptions.SO_RCVBUF))
			.isGreaterThanOrEqualTo(65536);
	}

	@Test
	void socketBufferSizesOfAClosedChannelAreZeroAndSettingThemIsIgnored() throws IOException {
		Socket socket = this.view.socket();
		this.view.close();
		assertThat(socket.isClosed()).isTrue();
		assertThat(socket.getSendBufferSize()).isZero();
		assertThat(socket.getReceiveBufferSize()).isZero();
		assertThatNoException().isThrownBy(() -> {
			socket.setSendBufferSize(4096);
			socket.setReceiveBufferSize(4096);
		});
	}

	@Test
	void inputStreamReadsSingleBytesUntilTheEndOfTheStream() throws IOException {
		InputStream in = this.view.socket().getInputStream();
		this.client.write(ByteBuffer.wrap(new byte[] { 'a', (byte) 0xff }));
		this.client.shutdownOutput();
		assertThat(in.read()).isEqualTo('a');
		assertThat(in.read()).isEqualTo(0xff);
		assertThat(in.read()).isEqualTo(-1);
		assertThat(in.read(new byte[4], 0, 0)).isZero();
	}

	@Test
	void inputStreamTimesOutAfterTheSocketTimeout() {
		Socket socket = this.view.socket();
		assertThatNoException().isThrownBy(() -> socket.setSoTimeout(50));
		assertThatExceptionOfType(SocketTimeoutException.class)
			.isThrownBy(() -> socket.getInputStream().read(new byte[4], 0, 4))
			.withMessage("Read timed out after 50 ms");
	}

	@Test
	void outputStreamWritesSingleBytes() throws IOException {
		OutputStream out = this.view.socket().getOutputStream();
		out.write('x');
		out.write(new byte[] { 'y', 'z' });
		assertThat(readFromClient(3)).isEqualTo("xyz");
	}

	@Test
	void closingTheInputStreamClosesTheChannel() throws IOException {
		this.view.socket().getInputStream().close();
		assertThat(this.view.isOpen()).isFalse();
		assertThat(this.accepted.isOpen()).isFalse();
	}

	@Test
	void closingTheOutputStreamClosesTheChannel() throws IOException {
		this.view.socket().getOutputStream().close();
		assertThat(this.view.isOpen()).isFalse();
		assertThat(this.accepted.isOpen()).isFalse();
	}

	@Test
	void shutdownOutputOfTheSocketEndsThePeersStream() throws IOException {
		this.view.socket().shutdownOutput();
		assertThat(this.client.read(ByteBuffer.allocate(4))).isEqualTo(-1);
	}

	@Test
	void shutdownInputOfTheSocketEndsItsOwnStream() throws IOException {
		this.view.socket().shutdownInput();
		assertThat(this.view.read(ByteBuffer.allocate(4))).isEqualTo(-1);
	}

	private String readFromClient(int bytes) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(bytes);
		while (buffer.hasRemaining()) {
			if (this.client.read(buffer) < 0) {
				break;
			}
		}
		return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
	}

	private static ByteBuffer utf8(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

}
