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
 * Puts the {@code commands-local} server's Unix domain socket in a fresh temporary directory, so
 * that contexts of several tests (and test runs) never share the default path.
 */
public class LocalSocketInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The property that holds the socket's address. */
	public static final String ADDRESS = "ipc.tcp.servers.commands-local.address";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("localSocket", Map.of(ADDRESS, "unix:" + freshPath())));
	}

	/**
	 * Return a socket path in a new temporary directory.
	 * @return the path
	 */
	public static Path freshPath() {
		try {
			Path directory = Files.createTempDirectory(Path.of("/tmp"), "ipc-demo");
			directory.toFile().deleteOnExit();
			return directory.resolve("commands.sock");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
