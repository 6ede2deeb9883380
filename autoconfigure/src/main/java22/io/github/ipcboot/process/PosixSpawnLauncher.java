package io.github.ipcboot.process;

import java.io.Closeable;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The native launcher: starts the program with one {@code posix_spawnp} call of the C library
 * (through the Foreign Function &amp; Memory API), directly in a new session and process group
 * ({@code POSIX_SPAWN_SETSID}), with its standard streams on close-on-exec pipes
 * ({@code pipe2(O_CLOEXEC)}, duplicated onto 0, 1 and 2 by file actions), every other
 * descriptor closed ({@code addclosefrom_np(3)}), the signal mask emptied and every signal
 * set to its default. The JDK's launcher instead starts {@code jspawnhelper}, which then
 * {@code exec}s the program: two {@code exec}s per run. The child is reaped by a
 * {@link NativeProcess}; the parent's ends of the pipes become ordinary Java streams.
 */
final class PosixSpawnLauncher implements ProcessLauncher {

	private final Libc libc;

	/**
	 * The application's environment without the marker variable, encoded once: the environment
	 * of every run whose spec leaves it alone, plus the run's marker.
	 */
	private final EnvironmentBlock applicationEnvironment = EnvironmentBlock.of(System.getenv(),
			ProcessContainment.MARKER_VARIABLE);

	/** Where each child's reaper runs: {@link NativeProcess#REAPERS} but in tests. */
	private final Executor reapers;

	private PosixSpawnLauncher(Libc libc, Executor reapers) {
		this.libc = libc;
		this.reapers = reapers;
	}

	/**
	 * Returns the launcher, bound to the C library.
	 * @throws IllegalStateException if it cannot run here (not Linux, glibc before 2.34, native
	 * access denied)
	 */
	static PosixSpawnLauncher create() {
		try {
			return new PosixSpawnLauncher(new Libc(), NativeProcess.REAPERS);
		}
		catch (IllegalCallerException ex) {
			throw new IllegalStateException("native access is not allowed (--enable-native-access=ALL-UNNAMED): "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * Returns a launcher whose children's reapers run on the given executor: the seam through
	 * which tests make the start of a reaper fail (called reflectively from JDK 17 test code).
	 */
	static PosixSpawnLauncher withReapers(Executor reapers) {
		return new PosixSpawnLauncher(create().libc, reapers);
	}

	@Override
	public String name() {
		return "native";
	}

	@Override
	public boolean newProcessGroup() {
		return true;
	}

	/**
	 * No: a read of these pipe streams holds its carrier thread (the JDK compensates only for the
	 * streams of its own processes), so the service pumps them on platform threads.
	 */
	@Override
	public boolean pumpsOnVirtualThreads() {
		return false;
	}

	@Override
	public boolean signalGroup(long pgid, ProcessSignal signal) {
		return kill(-pgid, signal.number());
	}

	/**
	 * Probes the group with signal 0: one system call instead of a look at {@code /proc}.
	 */
	@Override
	public boolean groupExists(long pgid, long ageNanos) {
		return kill(-pgid, 0);
	}

	private boolean kill(long target, int signal) {
		try (Arena arena = Arena.ofConfined()) {
			return (int) this.libc.kill.invokeExact(Libc.errnoState(arena), (int) target, signal) == 0;
		}
		catch (Throwable ex) {
			return false;
		}
	}

	@Override
	public Process launch(ProcessSpec spec, @Nullable String marker) throws IOException {
		try (Arena arena = Arena.ofConfined()) {
			return new Spawn(spec, arena).start(marker);
		}
		catch (IOException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IOException("Cannot run program \"" + spec.command().argv().get(0) + "\": " + ex, ex);
		}
	}

	/**
	 * One spawn: the pipes, file actions and attributes it needs, released on every path.
	 */
	private final class Spawn {

		private final ProcessSpec spec;

		private final Arena arena;

		private final MemorySegment errno;

		/** Pipe ends: [stdin read, stdin write, stdout read, stdout write, stderr read, stderr write]. */
		private final int[] fds = { -1, -1, -1, -1, -1, -1 };

		Spawn(ProcessSpec spec, Arena arena) {
			this.spec = spec;
			this.arena = arena;
			this.errno = Libc.errnoState(arena);
		}

		Process start(@Nullable String marker) throws Throwable {
			Libc c = PosixSpawnLauncher.this.libc;
			boolean stdinFromFile = this.spec.stdin().kind() == ProcessInput.Kind.FILE && this.spec.stdin().file() != null;
			boolean mergeStderr = this.spec.mergeStderr();
			MemorySegment actions = this.arena.allocate(Libc.OPAQUE_SIZE, 16);
			MemorySegment attributes = this.arena.allocate(Libc.OPAQUE_SIZE, 16);
			check((int) c.fileActionsInit.invokeExact(actions), "posix_spawn_file_actions_init");
			check((int) c.attrInit.invokeExact(attributes), "posix_spawnattr_init");
			try {
				if (!stdinFromFile) {
					pipe(0);
				}
				pipe(2);
				if (!mergeStderr) {
					pipe(4);
				}
				if (stdinFromFile) {
					check((int) c.addOpen.invokeExact(actions, 0,
							this.arena.allocateFrom(this.spec.stdin().file().toString()), Libc.O_RDONLY, 0),
							"posix_spawn_file_actions_addopen");
				}
				else {
					check((int) c.addDup2.invokeExact(actions, this.fds[0], 0), "posix_spawn_file_actions_adddup2");
				}
				check((int) c.addDup2.invokeExact(actions, this.fds[3], 1), "posix_spawn_file_actions_adddup2");
				check((int) c.addDup2.invokeExact(actions, mergeStderr ? this.fds[3] : this.fds[5], 2),
						"posix_spawn_file_actions_adddup2");
				if (this.spec.directory() != null) {
					check((int) c.addChdir.invokeExact(actions, this.arena.allocateFrom(this.spec.directory().toString())),
							"posix_spawn_file_actions_addchdir_np");
				}
				check((int) c.addCloseFrom.invokeExact(actions, 3), "posix_spawn_file_actions_addclosefrom_np");
				MemorySegment signals = this.arena.allocate(Libc.OPAQUE_SIZE, 16);
				check((int) c.sigEmptySet.invokeExact(signals), "sigemptyset");
				check((int) c.attrSetSigMask.invokeExact(attributes, signals), "posix_spawnattr_setsigmask");
				MemorySegment defaults = this.arena.allocate(Libc.OPAQUE_SIZE, 16);
				check((int) c.sigFillSet.invokeExact(defaults), "sigfillset");
				check((int) c.attrSetSigDefault.invokeExact(attributes, defaults), "posix_spawnattr_setsigdefault");
				short flags = (short) (Libc.POSIX_SPAWN_SETSID | Libc.POSIX_SPAWN_SETSIGMASK | Libc.POSIX_SPAWN_SETSIGDEF);
				check((int) c.attrSetFlags.invokeExact(attributes, flags), "posix_spawnattr_setflags");
				List<String> argv = this.spec.command().argv();
				MemorySegment pid = this.arena.allocate(JAVA_INT);
				// the parent's streams are opened before the spawn: once a child runs, nothing may
				// fail before it is tracked (it would run on in its own session, never reaped)
				ParentEnds ends = parentEnds(stdinFromFile, mergeStderr);
				boolean started = false;
				try {
					int error = (int) c.spawnp.invokeExact(pid, this.arena.allocateFrom(argv.get(0)), actions,
							attributes, strings(argv), environment(marker));
					if (error != 0) {
						throw startFailure(error);
					}
					Process process = new NativeProcess(c, pid.get(JAVA_INT, 0), ends.stdin(), ends.stdout(),
							ends.stderr(), PosixSpawnLauncher.this.reapers);
					started = true;
					return process;
				}
				finally {
					if (!started) {
						ends.close();
					}
				}
			}
			finally {
				int ignored = (int) c.fileActionsDestroy.invokeExact(actions);
				ignored = (int) c.attrDestroy.invokeExact(attributes);
				for (int fd : this.fds) {
					close(fd);
				}
			}
		}

		/**
		 * Wraps the parent's ends as Java streams: opening {@code /proc/self/fd/N} gives a new
		 * descriptor for the same pipe (while both ends are still open here, so the open does not
		 * wait for the other side); the spawn's own descriptors are closed afterwards.
		 */
		private ParentEnds parentEnds(boolean stdinFromFile, boolean mergeStderr) throws IOException {
			List<Closeable> opened = new ArrayList<>();
			try {
				OutputStream stdin = stdinFromFile ? OutputStream.nullOutputStream()
						: opened(opened, new FileOutputStream("/proc/self/fd/" + this.fds[1]));
				InputStream stdout = opened(opened, new FileInputStream("/proc/self/fd/" + this.fds[2]));
				InputStream stderr = mergeStderr ? InputStream.nullInputStream()
						: opened(opened, new FileInputStream("/proc/self/fd/" + this.fds[4]));
				return new ParentEnds(stdin, stdout, stderr);
			}
			catch (IOException ex) {
				for (Closeable stream : opened) {
					closeQuietly(stream);
				}
				throw ex;
			}
		}

		private static <T extends Closeable> T opened(List<Closeable> opened, T stream) {
			opened.add(stream);
			return stream;
		}

		private void pipe(int index) throws Throwable {
			MemorySegment pair = this.arena.allocate(JAVA_INT, 2);
			if ((int) PosixSpawnLauncher.this.libc.pipe2.invokeExact(this.errno, pair, Libc.O_CLOEXEC) != 0) {
				throw new IOException("pipe2 failed: " + PosixSpawnLauncher.this.libc.describe(Libc.errno(this.errno)));
			}
			this.fds[index] = pair.getAtIndex(JAVA_INT, 0);
			this.fds[index + 1] = pair.getAtIndex(JAVA_INT, 1);
		}

		private void close(int fd) throws Throwable {
			if (fd >= 0) {
				int ignored = (int) PosixSpawnLauncher.this.libc.close.invokeExact(fd);
			}
		}

		private MemorySegment strings(List<String> values) {
			MemorySegment array = this.arena.allocate(ADDRESS, values.size() + 1L);
			for (int i = 0; i < values.size(); i++) {
				array.setAtIndex(ADDRESS, i, this.arena.allocateFrom(values.get(i)));
			}
			array.setAtIndex(ADDRESS, values.size(), MemorySegment.NULL);
			return array;
		}

		/**
		 * The application's own {@code environ} when the spec changes nothing, as the JDK passes it;
		 * the application's environment encoded once plus the marker when only that is added.
		 */
		private MemorySegment environment(@Nullable String marker) {
			if (!LaunchEnvironment.changes(this.spec, marker)) {
				return PosixSpawnLauncher.this.libc.environ.get(ADDRESS, 0);
			}
			if (!this.spec.changesEnvironment()) {
				return PosixSpawnLauncher.this.applicationEnvironment.allocate(this.arena, marker);
			}
			Map<String, String> environment = new HashMap<>(System.getenv());
			LaunchEnvironment.apply(this.spec, marker, environment);
			return strings(environment.entrySet().stream().map((entry) -> entry.getKey() + "=" + entry.getValue()).toList());
		}

		private void check(int result, String function) throws IOException {
			if (result != 0) {
				throw new IOException(function + " failed: " + PosixSpawnLauncher.this.libc.describe(result));
			}
		}

		private IOException startFailure(int error) {
			String where = (this.spec.directory() != null) ? " (in directory \"" + this.spec.directory() + "\")" : "";
			return new IOException("Cannot run program \"" + this.spec.command().argv().get(0) + "\"" + where
					+ ": error=" + error + ", " + PosixSpawnLauncher.this.libc.describe(error));
		}

	}

	/**
	 * The parent's ends of a child's three streams, opened before the spawn.
	 */
	private record ParentEnds(OutputStream stdin, InputStream stdout, InputStream stderr) {

		void close() {
			closeQuietly(this.stdin);
			closeQuietly(this.stdout);
			closeQuietly(this.stderr);
		}

	}

	private static void closeQuietly(Closeable stream) {
		try {
			stream.close();
		}
		catch (IOException ex) {
			// not started: nothing else to release
		}
	}

}
