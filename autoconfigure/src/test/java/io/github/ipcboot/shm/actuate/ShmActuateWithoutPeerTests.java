package io.github.ipcboot.shm.actuate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import io.github.ipcboot.shm.ShmChannelSettings;
import io.github.ipcboot.shm.ShmChannels;
import io.github.ipcboot.shm.ShmClient;
import io.github.ipcboot.shm.ShmIdle;
import io.github.ipcboot.shm.ShmPeerUnavailableException;
import io.github.ipcboot.shm.ShmRole;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the meters and endpoint of a shared-memory channel that is not attached to a file: no
 * ring usage, no peer, a heartbeat age that is not a number; a draining client refuses to send.
 */
class ShmActuateWithoutPeerTests {

	@TempDir
	Path directory;

	@Test
	void metersOfAChannelWithoutFileShouldSayNothingIsUsedAndNoPeerLives() {
		ShmChannels channels = channels();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new ShmMetricsBinder(registry, channels).afterSingletonsInstantiated();
		assertThat(registry.get("ipc.shm.ring.used").tags("name", "quotes", "ring", "inbound").gauge().value())
			.isZero();
		assertThat(registry.get("ipc.shm.ring.used").tags("name", "quotes", "ring", "outbound").gauge().value())
			.isZero();
		assertThat(registry.get("ipc.shm.peer.alive").tags("name", "quotes", "role", "client").gauge().value())
			.isZero();
		assertThat(registry.get("ipc.shm.peer.heartbeat.age").tags("name", "quotes").gauge().value()).isNaN();
	}

	@Test
	void endpointShouldDescribeAChannelThatIsNotRunning() {
		ShmActuatorEndpoint.ShmDescriptor descriptor = new ShmActuatorEndpoint(channels()).shm();
		assertThat(descriptor.channels()).singleElement().satisfies((channel) -> {
			assertThat(channel.name()).isEqualTo("quotes");
			assertThat(channel.role()).isEqualTo("client");
			assertThat(channel.file()).isEqualTo(this.directory.resolve("quotes").toString());
			assertThat(channel.busySpin()).isTrue();
			assertThat(channel.running()).isFalse();
			assertThat(channel.attached()).isFalse();
			assertThat(channel.state()).isNull();
			assertThat(channel.corruption()).isNull();
		});
	}

	@Test
	void drainingClientShouldRefuseNewMessagesBeforeTouchingTheFile() {
		ShmClient client = (ShmClient) channels().get("quotes");
		client.beginDrain();
		assertThatExceptionOfType(ShmPeerUnavailableException.class).isThrownBy(() -> client.send("x"))
			.withMessage("Shared-memory channel 'quotes' is draining for a shutdown");
		assertThat(client.getStats().getSent()).isZero();
	}

	private ShmChannels channels() {
		return new ShmChannels(List.of(new ShmClient(new ShmChannelSettings("quotes", ShmRole.CLIENT,
				this.directory.resolve("quotes"), 1024, 100, PosixFilePermissions.fromString("rw-------"),
				new ShmIdle(true, 0, 0, Duration.ofMillis(1)), Duration.ofSeconds(1), Duration.ofSeconds(1),
				Duration.ofSeconds(1), Duration.ofSeconds(3), StandardCharsets.UTF_8))));
	}

}
