package io.github.ipcboot.shm.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.github.ipcboot.shm.ShmChannelSettings;
import io.github.ipcboot.shm.ShmIdle;
import io.github.ipcboot.shm.ShmRole;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for binding {@link ShmProperties} and turning them into {@link ShmChannelSettings}, with the
 * validation of the settings and the idle strategy.
 */
class ShmSettingsTests {

	@Test
	void everyChannelPropertyShouldBindAndReachTheSettings() {
		Map<String, String> map = new HashMap<>();
		map.put("ipc.shm.channels.quotes.role", "client");
		map.put("ipc.shm.channels.quotes.file", "/tmp/quotes.ipc-shm");
		map.put("ipc.shm.channels.quotes.capacity", "64KB");
		map.put("ipc.shm.channels.quotes.max-message-size", "1KB");
		map.put("ipc.shm.channels.quotes.permissions", "rw-rw----");
		map.put("ipc.shm.channels.quotes.full-ring-timeout", "250ms");
		map.put("ipc.shm.channels.quotes.request-timeout", "3s");
		map.put("ipc.shm.channels.quotes.heartbeat-interval", "200ms");
		map.put("ipc.shm.channels.quotes.peer-timeout", "2s");
		map.put("ipc.shm.channels.quotes.charset", "ISO-8859-1");
		map.put("ipc.shm.channels.quotes.idle.busy-spin", "true");
		map.put("ipc.shm.channels.quotes.idle.spins", "7");
		map.put("ipc.shm.channels.quotes.idle.yields", "9");
		map.put("ipc.shm.channels.quotes.idle.max-park", "5ms");
		ShmChannelSettings settings = ShmSettingsFactory.settings("quotes", bind(map).getChannels().get("quotes"));
		assertThat(settings.name()).isEqualTo("quotes");
		assertThat(settings.role()).isEqualTo(ShmRole.CLIENT);
		assertThat(settings.file()).isEqualTo(Path.of("/tmp/quotes.ipc-shm"));
		assertThat(settings.capacity()).isEqualTo(64 * 1024);
		assertThat(settings.maxMessageSize()).isEqualTo(1024);
		assertThat(settings.permissions()).isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
		assertThat(settings.fullRingTimeout()).isEqualTo(Duration.ofMillis(250));
		assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofMillis(200));
		assertThat(settings.peerTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(settings.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
		assertThat(settings.idle()).isEqualTo(new ShmIdle(true, 7, 9, Duration.ofMillis(5)));
	}

	@Test
	void capacityOfTwoGigabytesOrMoreShouldBeRefusedNamingTheChannel() {
		ShmChannelProperties properties = bind(Map.of("ipc.shm.channels.big.capacity", "2GB")).getChannels()
			.get("big");
		assertThatIllegalArgumentException().isThrownBy(() -> ShmSettingsFactory.settings("big", properties))
			.withMessage("ipc.shm.channels.big.capacity and .max-message-size must be below 2 GB (got 2147483648 "
					+ "and 65536 bytes)");
	}

	@Test
	void serverMaxMessageSizeBeyondTheRingShouldBeRefused() {
		ShmChannelProperties properties = bind(
				Map.of("ipc.shm.channels.s.capacity", "1KB", "ipc.shm.channels.s.max-message-size", "1KB"))
			.getChannels()
			.get("s");
		assertThatIllegalArgumentException().isThrownBy(() -> ShmSettingsFactory.settings("s", properties))
			.withMessage("ipc.shm.channels.s.max-message-size must be between 1 and capacity / 8 - 8 = 120 bytes "
					+ "(got 1024)");
	}

	@Test
	void clientMaxMessageSizeIsCheckedAgainstTheFileNotTheLocalCapacity() {
		ShmChannelProperties properties = bind(Map.of("ipc.shm.channels.c.role", "client",
				"ipc.shm.channels.c.capacity", "1KB", "ipc.shm.channels.c.max-message-size", "1KB"))
			.getChannels()
			.get("c");
		assertThat(ShmSettingsFactory.settings("c", properties).maxMessageSize()).isEqualTo(1024);
	}

	@Test
	void emptyMaxMessageSizeShouldBeRefused() {
		ShmChannelProperties properties = bind(Map.of("ipc.shm.channels.c.role", "client",
				"ipc.shm.channels.c.max-message-size", "0B"))
			.getChannels()
			.get("c");
		assertThatIllegalArgumentException().isThrownBy(() -> ShmSettingsFactory.settings("c", properties))
			.withMessageContaining("max-message-size must be between 1 and")
			.withMessageEndingWith("(got 0)");
	}

	@Test
	void peerTimeoutNotAboveTwiceTheHeartbeatShouldBeRefused() {
		ShmChannelProperties properties = bind(Map.of("ipc.shm.channels.p.heartbeat-interval", "1s",
				"ipc.shm.channels.p.peer-timeout", "2s"))
			.getChannels()
			.get("p");
		assertThatIllegalArgumentException().isThrownBy(() -> ShmSettingsFactory.settings("p", properties))
			.withMessage("ipc.shm.channels.p.peer-timeout (2000 ms) must exceed twice the heartbeat-interval "
					+ "(1000 ms)");
	}

	@Test
	void negativeSpinsOrYieldsShouldBeRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ShmIdle(false, -1, 0, Duration.ofMillis(1)))
			.withMessage("spins and yields must be >= 0 (got -1, 0)");
		assertThatIllegalArgumentException().isThrownBy(() -> new ShmIdle(false, 0, -2, Duration.ofMillis(1)))
			.withMessage("spins and yields must be >= 0 (got 0, -2)");
	}

	@Test
	void maxParkBelowOneMicrosecondShouldBeRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ShmIdle(false, 1, 1, Duration.ofNanos(999)))
			.withMessage("max-park must be at least 1 µs (got 999 ns)");
	}

	@Test
	void idleStrategyShouldFollowBusySpin() {
		assertThat(new ShmIdle(true, 1, 1, Duration.ofMillis(1)).newStrategy())
			.isInstanceOf(BusySpinIdleStrategy.class);
		assertThat(new ShmIdle(false, 1, 1, Duration.ofMillis(1)).newStrategy())
			.isInstanceOf(BackoffIdleStrategy.class);
	}

	private static ShmProperties bind(Map<String, String> map) {
		return new Binder(new MapConfigurationPropertySource(map)).bind("ipc.shm", Bindable.of(ShmProperties.class))
			.get();
	}

}
