package io.github.ipcboot.shm.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for shared-memory channels ({@code ipc.shm.*}).
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
@ConfigurationProperties(prefix = "ipc.shm", ignoreUnknownFields = false)
public class ShmProperties {

	/**
	 * Shared-memory channels by name; a server channel needs one @ShmListener method, a client channel is available from the ShmClients bean.
	 */
	private final Map<String, ShmChannelProperties> channels = new LinkedHashMap<>();

	public Map<String, ShmChannelProperties> getChannels() {
		return this.channels;
	}

}
