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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Reaps the orphans the JVM adopts: as PID 1 in a container without an init, or as a child
 * subreaper ({@code prctl(PR_SET_CHILD_SUBREAPER)}), every process whose parent dies below the
 * JVM is re-parented to it, and the JDK reaps only the children it started. Once a second it
 * lists the JVM's zombie children and reaps, with {@code waitpid(pid, WNOHANG)} on each pid (never
 * {@code waitpid(-1)}), those that were zombies already at the previous look, are not in the JVM's
 * own session and were not started by a launcher of this service ({@link LaunchedChildren}): a
 * child the JDK or {@link NativeProcess} started is reaped by its own waiting thread within
 * moments of its exit, so a zombie that lingers a whole second outside the JVM's session is an
 * adopted orphan. A zombie in the JVM's own session may be a child of other code's
 * {@code ProcessBuilder}, whose exit status the JDK's reaper thread is about to take; the JDK
 * waits for its children at once, so such a zombie is reaped only once it has lingered
 * {@link #SESSION_LINGER} (an orphan of a process that ran in the JVM's session). Each look
 * first asks the kernel whether any child is a zombie ({@code waitid} with {@code WNOWAIT}, which
 * reaps nothing) and reads {@code /proc} only then.
 */
final class OrphanReaper implements Runnable {

	private static final Log logger = LogFactory.getLog(OrphanReaper.class);

	/** How long a zombie must have lingered before it is taken for an orphan, and the pause between looks. */
	static final Duration LINGER = Duration.ofSeconds(1);

	/**
	 * How long a zombie in the JVM's own session must have lingered before it is taken for an
	 * orphan: far longer than the JDK's reaper thread takes to wait for a child it started.
	 */
	static final Duration SESSION_LINGER = Duration.ofSeconds(30);

	/** How many looks the reapers of this JVM took, for tests. */
	static final AtomicLong LOOKS = new AtomicLong();

	/** How many of those looks read {@code /proc} for zombie children, for tests. */
	static final AtomicLong SCANS = new AtomicLong();

	/** What runs in this JVM: {@code ""}, {@code orphan-reaper} or {@code subreaper}. */
	private static String mode = "";

	private final Libc libc;

	private final long self = ProcessHandle.current().pid();

	/** The zombies of the previous look, by pid and start time, with when each was first seen. */
	private Map<String, Long> lingering = Map.of();

	private OrphanReaper(Libc libc) {
		this.libc = libc;
	}

	/**
	 * Starts the reaper once per JVM when the JVM is PID 1 in its pid namespace, or, when asked
	 * to, makes the JVM a child subreaper and starts it. Called by name from
	 * {@code ProcessLaunchers}.
	 * @param subreaper whether to make the JVM a child subreaper when it is not PID 1
	 * @return {@code orphan-reaper} (PID 1), {@code subreaper}, or {@code ""} when orphans are
	 * not adopted (or the C library cannot be bound)
	 */
	static synchronized String start(boolean subreaper) {
		boolean init = ProcessHandle.current().pid() == 1;
		if (!mode.isEmpty()) {
			return (init || subreaper) ? mode : "";
		}
		if (!init && !subreaper) {
			return "";
		}
		Libc libc;
		try {
			libc = new Libc();
		}
		catch (IllegalStateException | IllegalCallerException ex) {
			logger.debug("Orphans are not adopted: " + ex.getMessage());
			return "";
		}
		if (!init && !becomeSubreaper(libc)) {
			return "";
		}
		Thread thread = new Thread(null, new OrphanReaper(libc), "ipc-process-orphan-reaper", 256 * 1024, false);
		thread.setDaemon(true);
		thread.start();
		mode = init ? "orphan-reaper" : "subreaper";
		logger.info(init ? "The JVM runs as PID 1: adopted orphans are reaped (a zombie is reaped after "
				+ LINGER.toMillis() + " ms)"
				: "The JVM is a child subreaper: orphans of runs are re-parented to it, terminated with their run"
						+ " and reaped (a zombie is reaped after " + LINGER.toMillis() + " ms)");
		return mode;
	}

	private static boolean becomeSubreaper(Libc libc) {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment errno = Libc.errnoState(arena);
			if ((int) libc.prctl.invokeExact(errno, Libc.PR_SET_CHILD_SUBREAPER, 1L) == 0) {
				return true;
			}
			logger.info("The JVM could not become a child subreaper: prctl failed: "
					+ libc.describe(Libc.errno(errno)));
		}
		catch (Throwable ex) {
			logger.info("The JVM could not become a child subreaper: " + ex);
		}
		return false;
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
		LOOKS.incrementAndGet();
		if (!anyZombie()) {
			this.lingering = Map.of();
			return;
		}
		SCANS.incrementAndGet();
		long now = System.nanoTime();
		Map<String, Long> zombies = new HashMap<>();
		for (Zombie zombie : zombieChildren()) {
			Long firstSeen = this.lingering.get(zombie.key());
			zombies.put(zombie.key(), (firstSeen != null) ? firstSeen : now);
			if (firstSeen != null && !LaunchedChildren.contains(zombie.pid())
					&& (!zombie.ownSession() || now - firstSeen >= SESSION_LINGER.toNanos())) {
				reap(zombie.pid());
			}
		}
		this.lingering = zombies;
	}

	/**
	 * Asks the kernel whether the JVM has a zombie child at all, without reaping it
	 * ({@code waitid(P_ALL, 0, info, WEXITED | WNOHANG | WNOWAIT)}), so that {@code /proc} (one
	 * file per JVM thread) is read only when there is something to find.
	 * @return whether some child is a zombie, or the kernel could not tell
	 */
	private boolean anyZombie() {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment errno = Libc.errnoState(arena);
			MemorySegment info = arena.allocate(Libc.SIGINFO_SIZE);
			int result = (int) this.libc.waitid.invokeExact(errno, Libc.P_ALL, 0, info,
					Libc.WEXITED | Libc.WNOHANG | Libc.WNOWAIT);
			if (result == 0) {
				return info.get(JAVA_INT, Libc.SIGINFO_PID_OFFSET) != 0;
			}
			return Libc.errno(errno) != Libc.ECHILD;
		}
		catch (Throwable ex) {
			return true;
		}
	}

	private void reap(long pid) {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment status = arena.allocate(JAVA_INT);
			int reaped = (int) this.libc.waitpid.invokeExact(Libc.errnoState(arena), (int) pid, status, Libc.WNOHANG);
			if (reaped == pid && logger.isDebugEnabled()) {
				logger.debug("Reaped orphan pid " + pid);
			}
		}
		catch (Throwable ex) {
			logger.debug("Could not reap pid " + pid, ex);
		}
	}

	/**
	 * The JVM's children in state {@code Z}, each with whether it is in the JVM's own session.
	 * Children the JVM started itself without a session of their own (a {@code ProcessBuilder}
	 * of other code) share its session: the JDK waits for those, and reaping one would take its
	 * exit status (the JDK would then report 0).
	 */
	private Set<Zombie> zombieChildren() {
		String ownSession = session(Path.of("/proc/self/stat"));
		Set<Zombie> zombies = new HashSet<>();
		for (long pid : children()) {
			try {
				// state, parent pid, process group, session, ..., start time (field 22 of stat)
				String[] fields = fields(Path.of("/proc", Long.toString(pid), "stat"));
				if (fields[0].equals("Z") && fields[1].equals(Long.toString(this.self))) {
					zombies.add(new Zombie(pid, pid + ":" + fields[19], fields[3].equals(ownSession)));
				}
			}
			catch (IOException | RuntimeException ex) {
				// gone meanwhile
			}
		}
		return zombies;
	}

	/**
	 * The JVM's children ({@link ProcessTable#ownChildren()}) where the kernel lists them, else
	 * every pid in {@code /proc} (the parent is checked by the caller).
	 */
	private static Set<Long> children() {
		Set<Long> children = new HashSet<>();
		long[] own = ProcessTable.ownChildren();
		if (own != null) {
			for (long pid : own) {
				children.add(pid);
			}
			return children;
		}
		String[] names = new File("/proc").list();
		for (String name : (names != null) ? names : new String[0]) {
			if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
				children.add(Long.parseLong(name));
			}
		}
		return children;
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
	 * process group, session, ..., start time (index 19).
	 */
	private static String[] fields(Path stat) throws IOException {
		String line = Files.readString(stat, StandardCharsets.ISO_8859_1);
		return line.substring(line.lastIndexOf(')') + 2).split(" ");
	}

	/**
	 * A zombie child: its pid, a key that tells it from a later process with the same pid, and
	 * whether it is in the JVM's own session.
	 */
	private record Zombie(long pid, String key, boolean ownSession) {
	}

}
