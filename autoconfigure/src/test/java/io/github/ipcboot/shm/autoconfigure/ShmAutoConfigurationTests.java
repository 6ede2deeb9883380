package io.github.ipcboot.shm.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.github.ipcboot.shm.ShmChannels;
import io.github.ipcboot.shm.ShmClient;
import io.github.ipcboot.shm.ShmClients;
import io.github.ipcboot.shm.ShmContext;
import io.github.ipcboot.shm.ShmListener;
import io.github.ipcboot.shm.ShmRole;
import io.github.ipcboot.shm.actuate.ShmActuatorEndpoint;
import io.github.ipcboot.shm.actuate.ShmChannelsHealthIndicator;
import io.github.ipcboot.shutdown.DrainParticipant;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ShmAutoConfiguration} and the meters, health and endpoint of the channels: a
 * server and a client channel on one file in one context.
 */
class ShmAutoConfigurationTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ShmAutoConfiguration.class, ShmMetricsAutoConfiguration.class,
				ShmHealthContributorAutoConfiguration.class, ShmEndpointAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("management.endpoints.web.exposure.include=shm");

	private ApplicationContextRunner withServerAndClient() {
		String file = this.directory.resolve("echo").toString();
		return this.contextRunner.withUserConfiguration(EchoListener.class)
			.withPropertyValues("ipc.shm.channels.echo.file=" + file, "ipc.shm.channels.echo.capacity=64KB",
					"ipc.shm.channels.echo.max-message-size=1KB",
					"ipc.shm.channels.echo-client.role=client", "ipc.shm.channels.echo-client.file=" + file);
	}

	@Test
	void aServerAndAClientChannelShouldExchangeRequestsAndReplies() {
		withServerAndClient().run((context) -> {
			ShmClient client = context.getBean(ShmClients.class).client("echo-client");
			await().until(() -> client.isPeerAlive());
			assertThat(client.request("hi")).isEqualTo("echo:hi (request)");
			assertThat(context.getBean(ShmChannels.class).servers()).containsOnlyKeys("echo");
			assertThat(context.getBean("echo-clientShmClient")).isSameAs(client);
			assertThat(context).doesNotHaveBean("echoShmClient");
			assertThat(context.getBeansOfType(DrainParticipant.class)).containsValue(context.getBean(ShmChannels.class));
		});
	}

	@Test
	void metersHealthAndEndpointShouldDescribeTheChannels() {
		withServerAndClient().run((context) -> {
			ShmClient client = context.getBean(ShmClients.class).client("echo-client");
			ShmChannels channels = context.getBean(ShmChannels.class);
			await().until(() -> client.isPeerAlive() && channels.get("echo").isPeerAlive());
			client.request("abc");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("ipc.shm.messages.sent").tags("name", "echo-client", "role", "client")
				.functionCounter().count()).isEqualTo(1);
			assertThat(registry.get("ipc.shm.data.received").tags("name", "echo", "role", "server")
				.functionCounter().count()).isEqualTo(3);
			assertThat(registry.get("ipc.shm.peer.alive").tags("name", "echo").gauge().value()).isEqualTo(1);
			assertThat(registry.get("ipc.shm.ring.used").tags("name", "echo", "ring", "inbound").gauge().value())
				.isZero();
			Health health = context.getBean(ShmChannelsHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKeys("echo", "echo-client");
			@SuppressWarnings("unchecked")
			Map<String, Object> details = (Map<String, Object>) health.getDetails().get("echo-client");
			assertThat(details).containsEntry("peerAlive", true).containsEntry("role", "client");
			ShmActuatorEndpoint.ShmDescriptor descriptor = context.getBean(ShmActuatorEndpoint.class).shm();
			assertThat(descriptor.channels()).extracting(ShmActuatorEndpoint.ChannelDescriptor::name)
				.containsExactly("echo", "echo-client");
			assertThat(descriptor.channels().get(0).counts().received()).isEqualTo(1);
			assertThat(descriptor.channels().get(0).capacity()).isEqualTo(65536);
		});
	}

	@Test
	void healthShouldBeOutOfServiceWhileDraining() {
		withServerAndClient().run((context) -> {
			ShmChannelsHealthIndicator health = context.getBean(ShmChannelsHealthIndicator.class);
			// the client attaches and sees the server's heartbeat on a thread of its own
			await().atMost(Duration.ofSeconds(30)).until(() -> health.health().getStatus().equals(Status.UP));
			context.getBean(ShmChannels.class).beginDrain();
			assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		});
	}

	@Test
	void aClientWithoutItsServerShouldBeDown() {
		this.contextRunner
			.withPropertyValues("ipc.shm.channels.lonely.role=client",
					"ipc.shm.channels.lonely.file=" + this.directory.resolve("nobody"))
			.run((context) -> {
				assertThat(context.getBean(ShmClients.class).client("lonely").isAttached()).isFalse();
				assertThat(context.getBean(ShmChannelsHealthIndicator.class).health().getStatus())
					.isEqualTo(Status.DOWN);
			});
	}

	@Test
	void nothingShouldBeConfiguredWithoutAgrona() {
		withServerAndClient().withClassLoader(new FilteredClassLoader(OneToOneRingBuffer.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ShmChannels.class));
	}

	@Test
	void aServerChannelWithoutListenerShouldFailTheStart() {
		this.contextRunner.withPropertyValues("ipc.shm.channels.orphan.file=" + this.directory.resolve("orphan"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Shared-memory channel 'orphan' (role server) has no @ShmListener(\"orphan\")"));
	}

	@Test
	void aCapacityThatIsNoPowerOfTwoShouldFailTheStart() {
		this.contextRunner.withUserConfiguration(EchoListener.class)
			.withPropertyValues("ipc.shm.channels.echo.capacity=3000B")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("ipc.shm.channels.echo.capacity must be a power of two")
				.hasStackTraceContaining("(got 3000)"));
	}

	@Test
	void settingsShouldDefaultToAFileUnderDevShmAndOwnerOnlyPermissions() {
		ShmChannelProperties properties = new ShmChannelProperties();
		var settings = ShmSettingsFactory.settings("prices", properties);
		assertThat(settings.file()).isEqualTo(ShmSettingsFactory.DEV_SHM.toFile().isDirectory()
				? Path.of("/dev/shm/prices.ipc-shm") : Path.of(System.getProperty("java.io.tmpdir"), "prices.ipc-shm"));
		assertThat(settings.role()).isEqualTo(ShmRole.SERVER);
		assertThat(settings.capacity()).isEqualTo(1024 * 1024);
		assertThat(settings.maxMessageSize()).isEqualTo(64 * 1024);
		assertThat(settings.permissions()).hasSize(2);
		assertThat(settings.idle().busySpin()).isFalse();
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoListener {

		@Bean
		Echo echo() {
			return new Echo();
		}

	}

	static class Echo {

		@ShmListener("echo")
		String onMessage(String text, ShmContext context) {
			return "echo:" + text + (context.request() ? " (request)" : "");
		}

	}

}
