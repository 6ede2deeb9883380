package io.github.ipcboot.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Launches with {@link ProcessBuilder}. When util-linux's (or BusyBox's) {@code setsid} is
 * installed, the program is started through it so that it leads a process group and session of
 * its own: a freshly started child is not a group leader, so {@code setsid} calls
 * {@code setsid(2)} and {@code exec}s the program in place, keeping the pid. As {@code setsid}
 * would report a missing program only through its exit code, the program is looked up first
 * (like the JDK would) so that such a run still fails to start; an {@code exec} that fails all
 * the same (the program was removed after the look-up, or its interpreter is missing) is told
 * from the run's exit code (126 or 127) and {@code setsid}'s message as the first line of its
 * standard error ({@link #execFailure(ProcessSpec, int, CapturedOutput)}).
 */
final class JdkProcessLauncher implements ProcessLauncher {

	private static final List<Path> SETSID_LOCATIONS = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

	/** How util-linux's and BusyBox's {@code setsid} report a failed {@code exec}, before the program. */
	private static final List<String> SETSID_EXEC_FAILURES = List.of("setsid: failed to execute ",
			"setsid: can't execute '");

	/** How much of the first line of stderr is read for {@code setsid}'s message. */
	private static final int MESSAGE_LIMIT = 8192;

	private final @Nullable String setsid;

	private JdkProcessLauncher(@Nullable String setsid) {
		this.setsid = setsid;
	}

	/**
	 * Returns a launcher that starts processes in their own group when {@code setsid} is installed.
	 */
	static JdkProcessLauncher create() {
		return new JdkProcessLauncher(SETSID_LOCATIONS.stream()
			.filter(Files::isExecutable)
			.map(Path::toString)
			.findFirst()
			.orElse(null));
	}

	/**
	 * Returns a launcher that leaves processes in the JVM's process group.
	 */
	static JdkProcessLauncher withoutGroups() {
		return new JdkProcessLauncher(null);
	}

	@Override
	public Process launch(ProcessSpec spec, @Nullable String marker) throws IOException {
		List<String> argv = spec.command().argv();
		if (this.setsid != null) {
			ProgramLookup.check(argv.get(0), spec.directory());
			List<String> wrapped = new ArrayList<>(argv.size() + 2);
			wrapped.add(this.setsid);
			wrapped.add("--");
			wrapped.addAll(argv);
			argv = wrapped;
		}
		ProcessBuilder builder = new ProcessBuilder(argv);
		if (spec.directory() != null) {
			builder.directory(spec.directory().toFile());
		}
		// environment() copies the whole environment: only touch it when the spec changes it
		if (LaunchEnvironment.changes(spec, marker)) {
			LaunchEnvironment.apply(spec, marker, builder.environment());
		}
		builder.redirectErrorStream(spec.mergeStderr());
		if (spec.stdin().kind() == ProcessInput.Kind.FILE && spec.stdin().file() != null) {
			builder.redirectInput(spec.stdin().file().toFile());
		}
		return LaunchedChildren.track(builder.start());
	}

	@Override
	public @Nullable String execFailure(ProcessSpec spec, int exitCode, CapturedOutput stderr) {
		if (this.setsid == null || (exitCode != 126 && exitCode != 127)) {
			return null;
		}
		return setsidMessage(spec, firstLine(stderr));
	}

	/**
	 * Reads {@code setsid}'s message about a failed {@code exec} of the spec's program.
	 */
	private static @Nullable String setsidMessage(ProcessSpec spec, String firstLine) {
		String program = spec.command().argv().get(0);
		for (String prefix : SETSID_EXEC_FAILURES) {
			int reason = firstLine.indexOf(": ", prefix.length() + program.length());
			if (firstLine.startsWith(prefix + program) && reason > 0) {
				return ProgramLookup.message(program, spec.directory(), firstLine.substring(reason + 2).strip());
			}
		}
		return null;
	}

	private static String firstLine(CapturedOutput output) {
		byte[] head = output.head();
		int end = 0;
		while (end < head.length && end < MESSAGE_LIMIT && head[end] != '\n') {
			end++;
		}
		return new String(head, 0, end, output.charset());
	}

	@Override
	public String name() {
		return "jdk";
	}

	@Override
	public boolean newProcessGroup() {
		return this.setsid != null;
	}

}
