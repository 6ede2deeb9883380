package io.github.ipcboot.shm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * The channels a test started, stopped after it (register with {@code @RegisterExtension}); and a
 * client started and waited for until it is attached to a live server.
 */
final class StartedChannels implements AfterEachCallback {

	private final List<ShmChannel> channels = new ArrayList<>();

	<T extends ShmChannel> T start(T channel) {
		this.channels.add(channel);
		channel.start();
		return channel;
	}

	ShmClient attachedClient(ShmChannelSettings settings) {
		ShmClient client = start(new ShmClient(settings));
		await().atMost(Duration.ofSeconds(20)).until(() -> client.isAttached() && client.isPeerAlive());
		return client;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.channels.forEach(ShmChannel::stop);
		this.channels.clear();
	}

}
