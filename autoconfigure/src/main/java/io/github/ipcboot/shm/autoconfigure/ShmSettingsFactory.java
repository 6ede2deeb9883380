package io.github.ipcboot.shm.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.github.ipcboot.shm.ShmChannel;
import io.github.ipcboot.shm.ShmChannelSettings;
import io.github.ipcboot.shm.ShmClient;
import io.github.ipcboot.shm.ShmIdle;
import io.github.ipcboot.shm.ShmRole;
import io.github.ipcboot.shm.ShmServerChannel;

/**
 * Turns the properties of a channel into its settings and the channel of its role.
 */
final class ShmSettingsFactory {

	/** Where channel files go by default when it exists: Linux's shared-memory file system. */
	static final Path DEV_SHM = Path.of("/dev/shm");

	private ShmSettingsFactory() {
	}

	static ShmChannel channel(String name, ShmChannelProperties properties) {
		ShmChannelSettings settings = settings(name, properties);
		return (settings.role() == ShmRole.SERVER) ? new ShmServerChannel(settings) : new ShmClient(settings);
	}

	static ShmChannelSettings settings(String name, ShmChannelProperties properties) {
		ShmChannelProperties.Idle idle = properties.getIdle();
		String prefix = "ipc.shm.channels." + name;
		long capacity = properties.getCapacity().toBytes();
		long maxMessageSize = properties.getMaxMessageSize().toBytes();
		if (capacity > Integer.MAX_VALUE || maxMessageSize > Integer.MAX_VALUE) {
			throw new IllegalArgumentException(prefix + ".capacity and .max-message-size must be below 2 GB (got "
					+ capacity + " and " + maxMessageSize + " bytes)");
		}
		return new ShmChannelSettings(name, properties.getRole(), file(name, properties), (int) capacity,
				(int) maxMessageSize, PosixFilePermissions.fromString(properties.getPermissions()),
				new ShmIdle(idle.isBusySpin(), idle.getSpins(), idle.getYields(), idle.getMaxPark()),
				properties.getFullRingTimeout(), properties.getRequestTimeout(), properties.getHeartbeatInterval(),
				properties.getPeerTimeout(), properties.getCharset(), properties.getServerUser());
	}

	private static Path file(String name, ShmChannelProperties properties) {
		if (properties.getFile() != null) {
			return Path.of(properties.getFile());
		}
		Path directory = Files.isDirectory(DEV_SHM) ? DEV_SHM : Path.of(System.getProperty("java.io.tmpdir"));
		return directory.resolve(name + ".ipc-shm");
	}

}
