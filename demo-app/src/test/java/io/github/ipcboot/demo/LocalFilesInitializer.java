package io.github.ipcboot.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts the files the demo makes on this host, the {@code commands-local} server's Unix domain
 * socket and the {@code gateway} shared-memory channel's file, in a fresh temporary directory, so
 * that contexts of several tests (and test runs, and a demo running beside them) never share the
 * default paths.
 */
public class LocalFilesInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The property that holds the socket's address. */
	public static final String ADDRESS = "ipc.tcp.servers.commands-local.address";

	/** The property that holds the shared-memory channel's file. */
	public static final String SHM_FILE = "ipc.shm.channels.gateway.file";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("localFiles", freshPaths()));
	}

	/**
	 * Return the properties with paths in a new temporary directory.
	 * @return the socket address and the channel file by property name
	 */
	public static Map<String, Object> freshPaths() {
		Path directory = freshDirectory();
		return Map.of(ADDRESS, "unix:" + directory.resolve("commands.sock"), SHM_FILE,
				directory.resolve("gateway.ipc-shm").toString());
	}

	private static Path freshDirectory() {
		try {
			Path directory = Files.createTempDirectory(Path.of("/tmp"), "ipc-demo");
			directory.toFile().deleteOnExit();
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
