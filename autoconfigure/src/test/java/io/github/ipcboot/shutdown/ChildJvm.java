package io.github.ipcboot.shutdown;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Spring Boot application started in a child JVM with the test class path (and the build's
 * coverage agent), its output in a file; signalled with the real {@code kill} command. Closing it
 * kills it (and its descendants) if it still runs. Public for the demo-app's tests, which get it
 * through this module's test jar.
 */
public final class ChildJvm implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final String BUILD_JVM_OPTIONS = "ipc.test.child-jvm-args";

	private final Process process;

	private final Path output;

	private ChildJvm(Process process, Path output) {
		this.process = process;
		this.output = output;
	}

	/**
	 * Start a main class in a child JVM.
	 * @param directory where the output file goes
	 * @param jvmOptions options of the JVM, e.g. {@code -Xrs}
	 * @param mainClass the class whose {@code main} runs
	 * @param args its arguments
	 * @return the running JVM
	 * @throws IOException if it cannot be started
	 */
	public static ChildJvm start(Path directory, List<String> jvmOptions, Class<?> mainClass, String... args)
			throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1"));
		command.addAll(buildJvmOptions());
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", classPath, mainClass.getName()));
		command.addAll(List.of(args));
		Path output = Files.createTempFile(directory, "child-jvm", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		return new ChildJvm(process, output);
	}

	/**
	 * Options the build gives every child JVM, such as the coverage agent (system property
	 * {@value #BUILD_JVM_OPTIONS}, set by the Maven build; options separated by spaces).
	 */
	private static List<String> buildJvmOptions() {
		String options = System.getProperty(BUILD_JVM_OPTIONS, "").trim();
		return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
	}

	/**
	 * Return the pid of the JVM.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * Return what the JVM printed so far.
	 * @return the output
	 */
	public String log() {
		try {
			return Files.readString(this.output, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Wait until the log matches, then return the match.
	 */
	public Matcher awaitLog(String regex) {
		Pattern pattern = Pattern.compile(regex);
		Matcher[] found = new Matcher[1];
		await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			assertThat(this.process.isAlive() || pattern.matcher(log()).find())
				.as("child JVM still running (log:%n%s)", log())
				.isTrue();
			Matcher matcher = pattern.matcher(log());
			assertThat(matcher.find()).as("log matches %s", regex).isTrue();
			found[0] = matcher;
		});
		return found[0];
	}

	/**
	 * Wait for the port a TCP server logged once it was listening.
	 */
	public int awaitPort(String server) {
		return Integer.parseInt(awaitLog("TCP server '" + server + "' listening on .*, port (\\d+)").group(1));
	}

	/**
	 * Send a signal with {@code kill}.
	 * @param name the signal's name without {@code SIG}, e.g. {@code TERM}
	 * @throws IOException if {@code kill} cannot be run
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	public void signal(String name) throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
		assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(kill.exitValue()).isZero();
	}

	/**
	 * Wait for the exit and return its code.
	 */
	public int awaitExit(Duration timeout) throws InterruptedException {
		assertThat(this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
			.as("child JVM exited within %s (log:%n%s)", timeout, log())
			.isTrue();
		return this.process.exitValue();
	}

	/**
	 * Wait for the exit and check its code, showing the log when it differs.
	 */
	public void assertExit(int expectedCode, Duration timeout) throws InterruptedException {
		int code = awaitExit(timeout);
		assertThat(code).as("exit code (log:%n%s)", log()).isEqualTo(expectedCode);
	}

	/**
	 * Release one piece of work the application holds ({@code WORK <id> hold}).
	 */
	void release() throws IOException {
		command("RELEASE");
	}

	/**
	 * Close the application context without a signal ({@code CLOSE} on standard input).
	 */
	void closeContext() throws IOException {
		command("CLOSE");
	}

	/**
	 * Exit the JVM without a signal ({@code EXIT} on standard input: {@code System.exit(0)}).
	 */
	void exitJvm() throws IOException {
		command("EXIT");
	}

	private void command(String line) throws IOException {
		this.process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
		this.process.getOutputStream().flush();
	}

	/**
	 * Return whether the JVM still runs.
	 * @return whether alive
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
	}

}
