package io.github.ipcboot.tcp.unix;

import java.nio.file.Path;

import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.TcpSession;
import io.github.ipcboot.tcp.autoconfigure.TcpAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One {@link TcpListener} method serving two servers: the same protocol over TCP and over a Unix
 * domain socket.
 */
class SharedListenerTests {

	@TempDir
	Path dir;

	@Test
	void oneListenerShouldServeBothServers() {
		Path socket = this.dir.resolve("local.sock");
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
			.withUserConfiguration(BothListener.class)
			.withPropertyValues("ipc.tcp.servers.remote.port=0", "ipc.tcp.servers.remote.address=127.0.0.1",
					"ipc.tcp.servers.local.address=unix:" + socket)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				int port = context.getBean(TcpServers.class).port("remote");
				try (LineClient tcp = new LineClient(port); UnixLineClient unix = new UnixLineClient(socket)) {
					assertThat(tcp.request("hi")).isEqualTo("remote: hi");
					assertThat(unix.request("hi")).isEqualTo("local: hi");
				}
			});
	}

	@Test
	void listenerNamingNoServerShouldFailTheStartUp() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
			.withUserConfiguration(NoServerListener.class)
			.withPropertyValues("ipc.tcp.servers.remote.port=0", "ipc.tcp.servers.remote.address=127.0.0.1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("names no server"));
	}

	@Configuration(proxyBeanMethods = false)
	static class BothListener {

		@TcpListener({ "remote", "local" })
		String onLine(String line, TcpSession session) {
			return session.serverName() + ": " + line;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoServerListener {

		@TcpListener({})
		String onLine(String line) {
			return line;
		}

	}

}
