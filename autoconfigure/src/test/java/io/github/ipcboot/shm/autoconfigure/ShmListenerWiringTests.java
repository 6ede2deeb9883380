package io.github.ipcboot.shm.autoconfigure;

import java.nio.file.Path;
import java.util.List;

import io.github.ipcboot.shm.ShmChannels;
import io.github.ipcboot.shm.ShmClient;
import io.github.ipcboot.shm.ShmClients;
import io.github.ipcboot.shm.ShmListener;
import io.github.ipcboot.shm.ShmRole;
import io.github.ipcboot.shm.ShmServerChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for wiring {@code @ShmListener} methods to channels (a listener on a client channel, two
 * listeners on one channel) and for looking channels up by a name that is not configured.
 */
class ShmListenerWiringTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ShmAutoConfiguration.class));

	@Test
	void listenerOnAClientChannelShouldFailTheStartNamingTheServerChannels() {
		this.contextRunner.withUserConfiguration(OneListener.class)
			.withPropertyValues("ipc.shm.channels.echo.role=client",
					"ipc.shm.channels.echo.file=" + this.directory.resolve("echo"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("@ShmListener(\"echo\") on ")
				.hasStackTraceContaining(" names no channel in the server role; configure "
						+ "ipc.shm.channels.echo.role=server (server channels: [])"));
	}

	@Test
	void twoListenersOnOneChannelShouldFailTheStart() {
		this.contextRunner.withUserConfiguration(TwoListeners.class)
			.withPropertyValues("ipc.shm.channels.echo.file=" + this.directory.resolve("echo"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Shared-memory channel 'echo' has 2 @ShmListener methods (")
				.hasStackTraceContaining("); keep exactly one"));
	}

	@Test
	void unknownNamesShouldListTheConfiguredChannels() {
		ShmChannelProperties server = new ShmChannelProperties();
		server.setFile(this.directory.resolve("a").toString());
		ShmChannelProperties client = new ShmChannelProperties();
		client.setRole(ShmRole.CLIENT);
		client.setFile(this.directory.resolve("a").toString());
		ShmChannels channels = new ShmChannels(List.of(
				new ShmServerChannel(ShmSettingsFactory.settings("a", server)),
				new ShmClient(ShmSettingsFactory.settings("b", client))));
		assertThat(channels.servers()).containsOnlyKeys("a");
		assertThat(channels.clients()).containsOnlyKeys("b");
		assertThatIllegalArgumentException().isThrownBy(() -> channels.get("c"))
			.withMessage("No shared-memory channel named 'c'; configured: [a, b]");
		ShmClients clients = new ShmClients(channels);
		assertThat(clients.names()).containsExactly("b");
		assertThatIllegalArgumentException().isThrownBy(() -> clients.client("a"))
			.withMessage("No shared-memory channel in the client role named 'a'; configured: [b]");
	}

	@Configuration(proxyBeanMethods = false)
	static class OneListener {

		@Bean
		Listener listener() {
			return new Listener();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoListeners {

		@Bean
		Listener listener() {
			return new Listener();
		}

		@Bean
		Listener otherListener() {
			return new Listener();
		}

	}

	static class Listener {

		@ShmListener("echo")
		String onMessage(String text) {
			return text;
		}

	}

}
