package io.github.ipcboot.shm;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.function.Function;

/**
 * Builds channels for tests: settings with short timeouts, and a server whose listener is a
 * function.
 */
final class ShmTestChannels {

	private ShmTestChannels() {
	}

	static ShmChannelSettings settings(String name, ShmRole role, Path file) {
		return settings(name, role, file, 64 * 1024, 1024);
	}

	static ShmChannelSettings settings(String name, ShmRole role, Path file, int capacity, int maxMessageSize) {
		return settings(name, role, file, capacity, maxMessageSize, Duration.ofSeconds(10));
	}

	static ShmChannelSettings settings(String name, ShmRole role, Path file, int capacity, int maxMessageSize,
			Duration peerTimeout) {
		return new ShmChannelSettings(name, role, file, capacity, maxMessageSize,
				PosixFilePermissions.fromString("rw-------"), new ShmIdle(false, 100, 100, Duration.ofMillis(1)),
				Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofMillis(100), peerTimeout,
				StandardCharsets.UTF_8);
	}

	static ShmServerChannel server(ShmChannelSettings settings, Function<String, String> listener) {
		ShmServerChannel server = new ShmServerChannel(settings);
		server.attach(new ShmListenerMethod(new Listener(listener), listenerMethod()));
		return server;
	}

	private static Method listenerMethod() {
		try {
			return Listener.class.getDeclaredMethod("onMessage", String.class);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static final class Listener {

		private final Function<String, String> function;

		Listener(Function<String, String> function) {
			this.function = function;
		}

		String onMessage(String message) {
			return this.function.apply(message);
		}

	}

}
