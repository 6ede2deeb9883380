package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.autoconfigure.IpcStartupException;
import io.github.ipcboot.tcp.ConnectionGate.Rejection;
import io.github.ipcboot.tcp.PeerCredentials;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.unix.UnixSocketServerTests.AckListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@code allowed-users} and {@code allowed-groups} over real Unix domain sockets: entries are
 * resolved at start-up and compared with the peer's credentials by uid and gid, whether they are
 * names or numbers.
 */
class UnixSocketPeerAllowListTests {

	/** A peer that another user runs: connects, sends a line and tells whether it got an answer. */
	private static final String PYTHON_PEER = """
			import socket, sys
			s = socket.socket(socket.AF_UNIX)
			s.settimeout(30)
			s.connect(sys.argv[1])
			try:
			    s.sendall(b"hi\\n")
			    data = s.recv(100)
			except (BrokenPipeError, ConnectionResetError):
			    data = b""
			print("refused" if data == b"" else "served " + data.decode().strip())
			""";

	@TempDir(cleanup = CleanupMode.ALWAYS)
	Path dir;

	/**
	 * The I/O mode every test of this class runs with.
	 */
	String ioMode() {
		return "net";
	}

	private ApplicationContextRunner runner(Path socket) {
		return UnixSocketServerTests.runner(socket, ioMode());
	}

	@Test
	void peerWhoseUserIsAllowedByNameOrByUidShouldBeServed() throws IOException {
		Ids me = Ids.current();
		// by uid, the peer (whose principal carries its name) is served only if ids are compared
		for (String user : new String[] { me.userName(), Integer.toString(me.uid()) }) {
			Path socket = this.dir.resolve("user-" + user.hashCode() + ".sock");
			runner(socket).withPropertyValues("ipc.tcp.servers.echo.allowed-users=" + me.otherId() + "," + user)
				.run((context) -> assertServed(context.getBean(AckListener.class), socket, me));
		}
	}

	@Test
	void peerWhoseGroupIsAllowedByNameOrByGidShouldBeServed() throws IOException {
		Ids me = Ids.current();
		for (String group : new String[] { me.groupName(), Integer.toString(me.gid()) }) {
			Path socket = this.dir.resolve("group-" + group.hashCode() + ".sock");
			runner(socket)
				.withPropertyValues("ipc.tcp.servers.echo.allowed-users=" + me.otherId(),
						"ipc.tcp.servers.echo.allowed-groups=" + group)
				.run((context) -> assertServed(context.getBean(AckListener.class), socket, me));
		}
	}

	@Test
	void peerWhoseUidAndGidAreNotListedShouldBeClosedBeforeAByteIsRead() throws IOException {
		Path socket = this.dir.resolve("refused.sock");
		Ids me = Ids.current();
		runner(socket)
			.withPropertyValues("ipc.tcp.servers.echo.allowed-users=" + me.otherId(),
					"ipc.tcp.servers.echo.allowed-groups=" + me.otherId())
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
	void unknownUserNameShouldFailTheStartUpNamingItsIndex() {
		Path socket = this.dir.resolve("unknown.sock");
		runner(socket).withPropertyValues("ipc.tcp.servers.echo.allowed-users=0,no-such-user-ipcboot")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(UserPrincipalNotFoundException.class);
				IpcStartupException failure = findStartupException(context.getStartupFailure());
				assertThat(failure.getProperty()).isEqualTo("ipc.tcp.servers.echo.allowed-users[1]");
				assertThat(failure.getValue()).isEqualTo("no-such-user-ipcboot");
				assertThat(failure.getMessage()).isEqualTo("Invalid configuration of ipc.tcp.servers.echo: "
						+ "allowed-users[1] 'no-such-user-ipcboot' is no user on this host: "
						+ "name one that exists, or give its number");
			});
	}

	@Test
	void allowedPeerShouldBeServedWhileAPeerOfAnotherUserIsRefused() throws Exception {
		Ids me = Ids.current();
		Path python = Path.of("/usr/bin/python3");
		Path setpriv = Path.of("/usr/bin/setpriv");
		assumeThat(me.uid()).as("skipped: running a peer as another user needs root (this runs as uid %d)", me.uid())
			.isZero();
		assumeThat(Files.isExecutable(python) && Files.isExecutable(setpriv))
			.as("skipped: needs /usr/bin/python3 and /usr/bin/setpriv to run a peer as another user")
			.isTrue();
		Files.setPosixFilePermissions(this.dir, PosixFilePermissions.fromString("rwx--x--x"));
		Path socket = this.dir.resolve("mixed.sock");
		runner(socket)
			.withPropertyValues("ipc.tcp.servers.echo.allowed-users=" + me.uid(),
					"ipc.tcp.servers.echo.socket-permissions=rw-rw-rw-")
			.run((context) -> {
				try (UnixLineClient client = new UnixLineClient(socket)) {
					assertThat(client.request("before")).isEqualTo("ACK before");
					Process other = new ProcessBuilder(setpriv.toString(), "--reuid=" + me.otherId(),
							"--regid=" + me.otherId(), "--clear-groups", python.toString(), "-c", PYTHON_PEER,
							socket.toString())
						.redirectErrorStream(true)
						.start();
					try {
						assertThat(other.waitFor(30, TimeUnit.SECONDS)).as("the other user's peer ends").isTrue();
						String output = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
						assertThat(output.strip()).isEqualTo("refused");
					}
					finally {
						other.destroyForcibly();
					}
					assertThat(client.request("after")).isEqualTo("ACK after");
				}
				TcpServer server = context.getBean(TcpServers.class).get("echo");
				assertThat(server.getGate().getRejected(Rejection.NOT_ALLOWED)).isEqualTo(1);
			});
	}

	private static void assertServed(AckListener listener, Path socket, Ids me) throws IOException {
		try (UnixLineClient client = new UnixLineClient(socket)) {
			assertThat(client.request("hi")).isEqualTo("ACK hi");
		}
		PeerCredentials peer = listener.lastPeer.get();
		assertThat(peer).isNotNull();
		assertThat(peer.userName()).isEqualTo(me.userName());
		assertThat(peer.groupName()).isEqualTo(me.groupName());
	}

	private static IpcStartupException findStartupException(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof IpcStartupException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("an IpcStartupException in the causes of " + failure).isNotNull();
		return (IpcStartupException) cause;
	}

	/**
	 * Who this process runs as, read from the owner of a file it creates.
	 *
	 * @param uid the uid
	 * @param gid the gid
	 * @param userName the user name
	 * @param groupName the group name
	 */
	record Ids(int uid, int gid, String userName, String groupName) {

		static Ids current() throws IOException {
			Path probe = Files.createTempFile("uds-ids", ".tmp");
			try {
				PosixFileAttributes attributes = Files.readAttributes(probe, PosixFileAttributes.class);
				return new Ids((Integer) Files.getAttribute(probe, "unix:uid"),
						(Integer) Files.getAttribute(probe, "unix:gid"), attributes.owner().getName(),
						attributes.group().getName());
			}
			finally {
				Files.delete(probe);
			}
		}

		/**
		 * Return an id that is neither this process's uid nor its gid: 0 (root) unless it runs
		 * as root, then 1 (daemon on most systems).
		 * @return the id
		 */
		int otherId() {
			int id = 0;
			while (id == this.uid || id == this.gid) {
				id++;
			}
			return id;
		}

	}

}
