package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.github.ipcboot.tcp.ConnectionGate.Rejection;
import io.github.ipcboot.tcp.PeerCredentials;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.TcpSession;
import io.github.ipcboot.tcp.autoconfigure.TcpAutoConfiguration;
import io.github.ipcboot.tcp.autoconfigure.TcpMetricsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server whose address is {@code unix:<path>}, over real Unix domain sockets in a short
 * temporary directory under /tmp: echo, pipelining, the socket file's lifecycle and the peer
 * credentials check.
 */
class UnixSocketServerTests {

	@TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ALWAYS)
	Path dir;

	/**
	 * The I/O mode every test of this class runs with.
	 */
	String ioMode() {
		return "net";
	}

	private ApplicationContextRunner runner(Path socket) {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
			.withUserConfiguration(AckListener.class)
			.withPropertyValues("ipc.tcp.servers.echo.address=unix:" + socket, "ipc.tcp.servers.echo.io-mode=" + ioMode());
	}

	@Test
	void serverShouldAnswerOverTheSocketAndTellThePeersCredentials() throws IOException {
		Path socket = this.dir.resolve("echo.sock");
		PosixFileAttributes me = currentUser();
		runner(socket).run((context) -> {
			assertThat(context).hasNotFailed();
			try (UnixLineClient client = new UnixLineClient(socket)) {
				assertThat(client.request("hello")).isEqualTo("ACK hello");
				assertThat(client.request("wörld")).isEqualTo("ACK wörld");
			}
			PeerCredentials peer = context.getBean(AckListener.class).lastPeer.get();
			assertThat(peer).isEqualTo(new PeerCredentials(me.owner().getName(), me.group().getName()));
			TcpServer server = context.getBean(TcpServers.class).get("echo");
			assertThat(server.getSettings().ioMode()).hasToString(ioMode().toUpperCase(java.util.Locale.ROOT));
		});
	}

	@Test
	void pipelinedRequestsShouldBeAnsweredInOrder() {
		Path socket = this.dir.resolve("pipe.sock");
		runner(socket).run((context) -> {
			try (UnixLineClient client = new UnixLineClient(socket)) {
				StringBuilder lines = new StringBuilder();
				for (int i = 0; i < 10_000; i++) {
					lines.append(i).append("\r\n");
				}
				client.write(lines.toString());
				for (int i = 0; i < 10_000; i++) {
					assertThat(client.readLine()).isEqualTo("ACK " + i);
				}
			}
		});
	}

	@Test
	void parentDirectoryShouldBeCreatedAndTheFileDeletedOnStop() {
		Path socket = this.dir.resolve("run/app/echo.sock");
		runner(socket).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(isSocket(socket)).isTrue();
		});
		assertThat(socket).doesNotExist();
	}

	@Test
	void socketPermissionsShouldSetTheFilesMode() {
		Path socket = this.dir.resolve("mode.sock");
		runner(socket).withPropertyValues("ipc.tcp.servers.echo.socket-permissions=rw-rw----").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket, LinkOption.NOFOLLOW_LINKS)))
				.isEqualTo("rw-rw----");
		});
	}

	@Test
	void staleSocketShouldBeReplaced() throws IOException {
		Path socket = this.dir.resolve("stale.sock");
		// a bound socket closed without deleting its file: what a killed instance leaves
		try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			stale.bind(UnixDomainSocketAddress.of(socket));
		}
		assertThat(isSocket(socket)).isTrue();
		runner(socket).run((context) -> {
			assertThat(context).hasNotFailed();
			try (UnixLineClient client = new UnixLineClient(socket)) {
				assertThat(client.request("again")).isEqualTo("ACK again");
			}
		});
	}

	@Test
	void fileThatIsNotASocketShouldFailTheStartUpAndStay() throws IOException {
		Path socket = this.dir.resolve("data.sock");
		Files.writeString(socket, "precious");
		runner(socket).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("cannot listen on " + socket)
				.hasMessageContaining("a file that is not a socket is there");
		});
		assertThat(socket).hasContent("precious");
	}

	@Test
	void socketAnotherProcessListensOnShouldFailTheStartUp() throws IOException {
		Path socket = this.dir.resolve("taken.sock");
		try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			other.bind(UnixDomainSocketAddress.of(socket));
			runner(socket).run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("another process listens on that socket");
			});
			assertThat(isSocket(socket)).isTrue();
		}
		finally {
			Files.deleteIfExists(socket);
		}
	}

	@Test
	void peerWhoseUserIsAllowedShouldBeServed() throws IOException {
		Path socket = this.dir.resolve("allowed.sock");
		runner(socket).withPropertyValues("ipc.tcp.servers.echo.allowed-users=nobody-else," + currentUser().owner().getName())
			.run((context) -> {
				try (UnixLineClient client = new UnixLineClient(socket)) {
					assertThat(client.request("hi")).isEqualTo("ACK hi");
				}
			});
	}

	@Test
	void peerWhoseGroupIsAllowedShouldBeServed() throws IOException {
		Path socket = this.dir.resolve("group.sock");
		runner(socket)
			.withPropertyValues("ipc.tcp.servers.echo.allowed-users=nobody-else",
					"ipc.tcp.servers.echo.allowed-groups=" + currentUser().group().getName())
			.run((context) -> {
				try (UnixLineClient client = new UnixLineClient(socket)) {
					assertThat(client.request("hi")).isEqualTo("ACK hi");
				}
			});
	}

	@Test
	void peerWhoseUserAndGroupAreNotAllowedShouldBeClosedBeforeAByteIsRead() {
		Path socket = this.dir.resolve("refused.sock");
		runner(socket)
			.withPropertyValues("ipc.tcp.servers.echo.allowed-users=nobody-else",
					"ipc.tcp.servers.echo.allowed-groups=no-such-group")
			.run((context) -> {
				try (UnixLineClient client = new UnixLineClient(socket)) {
					// closed before a byte is read: a write could meet a broken pipe, so only read
					assertThat(client.readLine()).isNull();
				}
				TcpServer server = context.getBean(TcpServers.class).get("echo");
				assertThat(server.getGate().getRejected(Rejection.NOT_ALLOWED)).isEqualTo(1);
				assertThat(context.getBean(AckListener.class).lastPeer.get()).isNull();
			});
	}

	@Test
	void silentConnectionShouldBeClosedAfterTheIdleTimeout() {
		Path socket = this.dir.resolve("idle.sock");
		runner(socket).withConfiguration(AutoConfigurations.of(TcpMetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("ipc.tcp.servers.echo.idle-timeout=500ms")
			.run((context) -> {
				try (UnixLineClient client = new UnixLineClient(socket)) {
					assertThat(client.request("hi")).isEqualTo("ACK hi");
					assertThat(client.readLine()).as("closed by the server once idle").isNull();
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(registry.get("ipc.tcp.connections.closed")
						.tags("name", "echo", "reason", "idle")
						.counter()
						.count()).isOne());
			});
	}

	@Test
	void clientThatDoesNotReadShouldBeCutOffAfterTheWriteTimeout() {
		Path socket = this.dir.resolve("slow.sock");
		runner(socket).withUserConfiguration(FloodListener.class)
			.withPropertyValues("ipc.tcp.servers.echo.write-timeout=1s")
			.run((context) -> {
				try (UnixLineClient client = new UnixLineClient(socket)) {
					client.send("FLOOD");
					FloodListener flood = context.getBean(FloodListener.class);
					assertThat(flood.failure.get(30, java.util.concurrent.TimeUnit.SECONDS))
						.isInstanceOf(io.github.ipcboot.tcp.TcpSessionClosedException.class);
					assertThat(flood.sent.get()).isLessThan(FloodListener.FRAMES);
				}
			});
	}

	@Test
	void connectionsBeyondMaxConnectionsShouldBeClosed() {
		Path socket = this.dir.resolve("max.sock");
		runner(socket).withPropertyValues("ipc.tcp.servers.echo.max-connections=1").run((context) -> {
			try (UnixLineClient first = new UnixLineClient(socket); UnixLineClient second = new UnixLineClient(socket)) {
				assertThat(first.request("one")).isEqualTo("ACK one");
				// closed before a byte is read: a write could meet a broken pipe, so only read
				assertThat(second.readLine()).isNull();
				TcpServer server = context.getBean(TcpServers.class).get("echo");
				assertThat(server.getGate().getRejected(Rejection.MAX_CONNECTIONS)).isEqualTo(1);
			}
		});
	}

	@Test
	void invalidSocketPermissionsShouldFailTheStartUp() {
		Path socket = this.dir.resolve("bad-mode.sock");
		runner(socket).withPropertyValues("ipc.tcp.servers.echo.socket-permissions=rw-rw").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("Invalid configuration of ipc.tcp.servers.echo: socket-permissions 'rw-rw' "
						+ "is not a mode like rw-rw----");
		});
	}

	@Test
	void abstractSocketNameShouldFailTheStartUp() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
			.withUserConfiguration(AckListener.class)
			.withPropertyValues("ipc.tcp.servers.echo.address=unix:@ipc-demo")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("Linux abstract socket name, which the JDK does not support");
			});
	}

	@Test
	void allowedClientsShouldBeRefusedOnAUnixSocket() {
		Path socket = this.dir.resolve("cidr.sock");
		runner(socket).withPropertyValues("ipc.tcp.servers.echo.allowed-clients=127.0.0.1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("use allowed-users or allowed-groups");
		});
	}

	@Test
	void allowedUsersShouldBeRefusedOnATcpServer() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
			.withUserConfiguration(AckListener.class)
			.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.allowed-users=app")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("apply only to a server whose address is unix:<path>");
			});
	}

	static PosixFileAttributes currentUser() throws IOException {
		Path probe = Files.createTempFile("uds-owner", ".tmp");
		try {
			return Files.readAttributes(probe, PosixFileAttributes.class);
		}
		finally {
			Files.delete(probe);
		}
	}

	static boolean isSocket(Path path) throws IOException {
		int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
		return (mode & 0170000) == 0140000;
	}

	/**
	 * Streams far more than the socket buffers hold to a client that reads nothing (on a server
	 * named {@code echo}, as a second listener of that name would clash: used instead of
	 * {@link AckListener}'s frames, it answers FLOOD only).
	 */
	static class FloodListener {

		static final int FRAMES = 100_000;

		final java.util.concurrent.CompletableFuture<Throwable> failure = new java.util.concurrent.CompletableFuture<>();

		final java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();

		void flood(TcpSession session) {
			String frame = "x".repeat(1000);
			try {
				for (int i = 0; i < FRAMES; i++) {
					session.send(frame);
					this.sent.incrementAndGet();
				}
				this.failure.complete(new AssertionError("all frames written"));
			}
			catch (RuntimeException ex) {
				this.failure.complete(ex);
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AckListener {

		final AtomicReference<PeerCredentials> lastPeer = new AtomicReference<>();

		private final org.springframework.beans.factory.ObjectProvider<FloodListener> flood;

		AckListener(org.springframework.beans.factory.ObjectProvider<FloodListener> flood) {
			this.flood = flood;
		}

		@TcpListener("echo")
		@org.jspecify.annotations.Nullable String onLine(String line, TcpSession session) {
			this.lastPeer.set(session.peerCredentials());
			FloodListener flooding = this.flood.getIfAvailable();
			if (flooding != null && line.equals("FLOOD")) {
				flooding.flood(session);
				return null;
			}
			return "ACK " + line;
		}

	}

}
