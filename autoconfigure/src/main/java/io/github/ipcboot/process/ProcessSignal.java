package io.github.ipcboot.process;

import org.jspecify.annotations.Nullable;

/**
 * A POSIX signal, identified by its number, with the conventional name where it is known.
 * Numbers follow Linux; the common signals (HUP, INT, QUIT, ABRT, KILL, ALRM, TERM) have the same
 * numbers on every POSIX system.
 *
 * @param number the signal number, from 1 to 64
 * @since 0.1.0
 */
public record ProcessSignal(int number) {

	private static final String[] NAMES = { "", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
			"SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
			"SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
			"SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS" };

	/**
	 * {@code SIGTERM}, sent first when a process tree is terminated.
	 */
	public static final ProcessSignal SIGTERM = new ProcessSignal(15);

	/**
	 * {@code SIGKILL}, sent to what is left of a process tree after the termination grace.
	 */
	public static final ProcessSignal SIGKILL = new ProcessSignal(9);

	/**
	 * Exit statuses above this value are reported by the JDK for a process killed by a signal
	 * ({@code 128 + signal number}).
	 */
	static final int SIGNAL_EXIT_BASE = 128;

	private static final int MAX_SIGNAL = 64;

	/**
	 * Creates a signal.
	 * @param number the signal number, from 1 to 64
	 */
	public ProcessSignal {
		if (number < 1 || number > MAX_SIGNAL) {
			throw new IllegalArgumentException("Signal number must be between 1 and " + MAX_SIGNAL + " (was " + number + ")");
		}
	}

	/**
	 * Returns the signal a process died by, judging from the exit status the JDK reports. The JDK
	 * reports death by signal {@code n} as {@code 128 + n}; a program that calls {@code exit(137)}
	 * itself is indistinguishable from one killed by {@code SIGKILL}.
	 * @param exitCode the exit status reported by {@link Process#exitValue()}
	 * @return the signal, or {@code null} when the status does not denote one
	 */
	public static @Nullable ProcessSignal fromExitCode(int exitCode) {
		int number = exitCode - SIGNAL_EXIT_BASE;
		return (number >= 1 && number <= MAX_SIGNAL) ? new ProcessSignal(number) : null;
	}

	/**
	 * Returns the conventional name of the signal, such as {@code SIGKILL}, or {@code SIG<number>}
	 * for a signal without one.
	 * @return the name
	 */
	public String name() {
		return (this.number < NAMES.length) ? NAMES[this.number] : "SIG" + this.number;
	}

	@Override
	public String toString() {
		return name();
	}

}
