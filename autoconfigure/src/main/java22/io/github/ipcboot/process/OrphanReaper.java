package io.github.ipcboot.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Reaps the orphans a JVM running as PID 1 adopts (in a container without an init, every process
 * whose parent dies is re-parented to the JVM, and the JDK reaps only the children it started).
 * Once a second it lists the JVM's zombie children and reaps, with {@code waitpid(pid, WNOHANG)},
 * those that were zombies already at the previous look: a child the JDK or
 * {@link NativeProcess} started is reaped by its own waiting thread within moments of its exit,
 * so a zombie that lingers a whole second is an adopted orphan; children of
 * {@link NativeProcess} are never touched.
 */
final class OrphanReaper implements Runnable {

	private static final Log logger = LogFactory.getLog(OrphanReaper.class);

	/** How long a zombie must have lingered before it is taken for an orphan, and the pause between looks. */
	static final Duration LINGER = Duration.ofSeconds(1);

	private static final int WNOHANG = 1;

	private static final AtomicBoolean STARTED = new AtomicBoolean();

	private final Libc libc;

	private Set<Long> lingering = Set.of();

	private OrphanReaper(Libc libc) {
		this.libc = libc;
	}

	/**
	 * Starts the reaper once per JVM when the JVM is PID 1 in its pid namespace.
	 * @return whether a reaper runs
	 */
	static boolean startIfInit(Libc libc) {
		if (ProcessHandle.current().pid() != 1) {
			return false;
		}
		if (STARTED.compareAndSet(false, true)) {
			Thread thread = new Thread(null, new OrphanReaper(libc), "ipc-process-orphan-reaper", 256 * 1024, false);
			thread.setDaemon(true);
			thread.start();
			logger.info("The JVM runs as PID 1: adopted orphans are reaped (a zombie is reaped after "
					+ LINGER.toMillis() + " ms)");
		}
		return true;
	}

	@Override
	public void run() {
		while (!Thread.currentThread().isInterrupted()) {
			try {
				Thread.sleep(LINGER.toMillis());
				reapOnce();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				logger.debug("Could not look for orphans", ex);
			}
		}
	}

	private void reapOnce() {
		Set<Long> zombies = zombieChildren();
		for (Long pid : zombies) {
			if (this.lingering.contains(pid) && !NativeProcess.isOwn(pid)) {
				reap(pid);
			}
		}
		this.lingering = zombies;
	}

	private void reap(long pid) {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment status = arena.allocate(JAVA_INT);
			int reaped = (int) this.libc.waitpid.invokeExact(Libc.errnoState(arena), (int) pid, status, WNOHANG);
			if (reaped == pid && logger.isDebugEnabled()) {
				logger.debug("Reaped orphan pid " + pid);
			}
		}
		catch (Throwable ex) {
			logger.debug("Could not reap pid " + pid, ex);
		}
	}

	/**
	 * The JVM's children in state {@code Z} that are not in the JVM's own session: as PID 1 every
	 * process whose parent pid is 1. Children the JVM started itself without a session of their
	 * own (a {@code ProcessBuilder} of other code) share its session: the JDK waits for those, and
	 * reaping one would take its exit status (the JDK would then report 0).
	 */
	private static Set<Long> zombieChildren() {
		String ownSession = session(Path.of("/proc/self/stat"));
		Set<Long> zombies = new HashSet<>();
		String[] names = new File("/proc").list();
		for (String name : (names != null) ? names : new String[0]) {
			if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
				continue;
			}
			try {
				String[] fields = fields(Path.of("/proc", name, "stat"));
				// state, parent pid, process group, session
				if (fields[0].equals("Z") && fields[1].equals("1") && !fields[3].equals(ownSession)) {
					zombies.add(Long.parseLong(name));
				}
			}
			catch (IOException | RuntimeException ex) {
				// gone meanwhile
			}
		}
		return zombies;
	}

	private static String session(Path stat) {
		try {
			return fields(stat)[3];
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The fields of a {@code /proc/<pid>/stat} line after the command name: state, parent pid,
	 * process group, session, then the rest.
	 */
	private static String[] fields(Path stat) throws IOException {
		String line = Files.readString(stat, StandardCharsets.ISO_8859_1);
		return line.substring(line.lastIndexOf(')') + 2).split(" ", 5);
	}

}
