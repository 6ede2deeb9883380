package io.github.ipcboot.tcp.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;

import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests of the start-up checks of a server's configuration: allowed ranges, the address, the port
 * and the frame limit of fixed-length frames, each failing with a message that names the property
 * and its value.
 */
class TcpServerStartUpTests {

	final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
		.withUserConfiguration(EchoListener.class)
		.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1");

	@ParameterizedTest
	@ValueSource(strings = { "192.168/16", "10/8", "10.1", "localhost", "example.com/32", "010.0.0.0/8",
			"10.1.2.3/8", "10.0.0.0/33", "10.0.0.0/", "::1/129", "fe80::1%1", "[::1]", "not an address" })
	void allowedClientThatIsNotALiteralRangeShouldFailStartUpNamingThePropertyAndValue(String value) {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.allowed-clients[0]=127.0.0.0/8",
				"ipc.tcp.servers.echo.allowed-clients[1]=" + value)
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Invalid configuration of ipc.tcp.servers.echo.allowed-clients[1]: '"
						+ value + "' "));
	}

	@Test
	void allowedClientShorthandShouldFailStartUpSayingWhy() {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.allowed-clients=192.168/16")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Invalid configuration of ipc.tcp.servers.echo.allowed-clients[0]: "
						+ "'192.168/16' is not an IP address or CIDR range: an IPv4 address needs exactly four "
						+ "decimal octets (a.b.c.d)"));
	}

	@Test
	void allowedClientWithBitsAfterThePrefixShouldFailStartUpNamingTheRange() {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.allowed-clients=127.0.0.1/8")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Invalid configuration of ipc.tcp.servers.echo.allowed-clients[0]: "
						+ "'127.0.0.1/8' has bits set after its 8-bit prefix; the range is written 127.0.0.0/8"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "not-an-ip!", "999.1.1.1", "127.0.0", "127.0.0.01", "::1::", "fe80::1%lo", "-host",
			"a..b", "" })
	void addressThatIsNeitherAnIpAddressNorAHostNameShouldFailStartUpNamingIt(String address) {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.address=" + address)
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Invalid configuration of ipc.tcp.servers.echo: address '" + address + "' ")
				.rootCause()
				.message()
				.doesNotContain("port in use"));
	}

	@Test
	void hostNameAddressShouldStillBeAccepted() {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.address=localhost")
			.run((context) -> assertThat(context.getBean(TcpServers.class).port("echo")).isPositive());
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void addressThatIsNotOneOfThisHostsShouldFailStartUpWithItsOwnMessage(String ioMode) throws IOException {
		// TEST-NET-1 (RFC 5737): documentation only, never assigned to a host
		InetAddress elsewhere = InetAddress.getByAddress(new byte[] { (byte) 192, 0, 2, 1 });
		assumeTrue(NetworkInterface.getByInetAddress(elsewhere) == null, "192.0.2.1 is an address of this host");
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.echo.io-mode=" + ioMode, "ipc.tcp.servers.echo.address=192.0.2.1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageStartingWith("TCP server 'echo' could not listen on 192.0.2.1:0: its address '192.0.2.1' "
						+ "(ipc.tcp.servers.echo.address) cannot be bound on this host (BindException: ")
				.message()
				.doesNotContain("port in use"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void portInUseShouldFailStartUpSayingSo(String ioMode) throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			this.contextRunner
				.withPropertyValues("ipc.tcp.servers.echo.io-mode=" + ioMode,
						"ipc.tcp.servers.echo.port=" + taken.getLocalPort())
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.hasMessage("TCP server 'echo' could not listen on 127.0.0.1:" + taken.getLocalPort()
							+ " (is the port in use? see the log above)"));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void fixedLengthOverTheDefaultLimitShouldRaiseTheLimitWhenMaxFrameSizeIsNotSet(String ioMode) {
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.echo.io-mode=" + ioMode, "ipc.tcp.servers.echo.framing=fixed",
					"ipc.tcp.servers.echo.fixed-length=100000")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TcpServers servers = context.getBean(TcpServers.class);
				assertThat(servers.get("echo").getSettings().framing().getMaxFrameSize()).isEqualTo(100_000);
				byte[] frame = new byte[100_000];
				Arrays.fill(frame, (byte) 'x');
				frame[0] = 'a';
				frame[frame.length - 1] = 'z';
				try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), servers.port("echo"))) {
					socket.setSoTimeout(10_000);
					OutputStream out = socket.getOutputStream();
					out.write(frame);
					out.write(frame);
					out.flush();
					InputStream in = socket.getInputStream();
					assertThat(in.readNBytes(frame.length)).isEqualTo(frame);
					assertThat(in.readNBytes(frame.length)).isEqualTo(frame);
				}
			});
	}

	@Test
	void fixedLengthUnderTheDefaultLimitShouldKeepTheDefaultLimit() {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.framing=fixed", "ipc.tcp.servers.echo.fixed-length=10")
			.run((context) -> assertThat(
					context.getBean(TcpServers.class).get("echo").getSettings().framing().getMaxFrameSize())
				.isEqualTo(64 * 1024));
	}

	@Test
	void explicitMaxFrameSizeUnderTheFixedLengthShouldFailStartUp() {
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.echo.framing=fixed", "ipc.tcp.servers.echo.fixed-length=100000",
					"ipc.tcp.servers.echo.max-frame-size=64KB")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Invalid configuration of ipc.tcp.servers.echo: framing 'fixed' needs a frame "
						+ "length between 1 and max-frame-size (65536), got 100000"));
	}

	@Test
	void explicitMaxFrameSizeOverTheFixedLengthShouldBeKept() {
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.echo.framing=fixed", "ipc.tcp.servers.echo.fixed-length=100000",
					"ipc.tcp.servers.echo.max-frame-size=1MB")
			.run((context) -> assertThat(
					context.getBean(TcpServers.class).get("echo").getSettings().framing().getMaxFrameSize())
				.isEqualTo(1024 * 1024));
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoListener {

		@TcpListener("echo")
		byte[] onFrame(byte[] frame) {
			return frame;
		}

	}

}
