package io.github.ipcboot.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts the {@code ingest} server on a port that is free when the context starts. The server
 * cannot use port 0 here: the {@code ingest} client that {@code FORWARD} uses takes its port
 * from {@code ipc.tcp.servers.ingest.port} (see {@code application.yml}) before the server binds.
 */
class FreeIngestPortInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("freeIngestPort", Map.of("ipc.tcp.servers.ingest.port", freePort())));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on the loopback address", ex);
		}
	}

}
