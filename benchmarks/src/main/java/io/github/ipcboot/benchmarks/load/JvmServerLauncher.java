package io.github.ipcboot.benchmarks.load;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Starts a JVM echo server in a new JVM with the runner's class path (the benchmark jar), the
 * configured {@code java} and JVM options.
 */
final class JvmServerLauncher implements ServerLauncher {

	@Override
	public @Nullable String unavailableReason(LoadOptions options) {
		return null;
	}

	@Override
	public List<String> command(ServerKind kind, LoadOptions options) {
		List<String> command = new ArrayList<>();
		command.add(options.java());
		command.addAll(options.serverJvmArgs());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(EchoServerMain.class.getName());
		command.add(kind.id());
		command.add("0");
		command.add(EchoServerMain.WATCH_STDIN);
		return command;
	}

}
