package io.github.ipcboot.shutdown;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import io.github.ipcboot.autoconfigure.IpcStartupException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Installs the starter's handlers through {@code sun.misc.Signal} (module {@code jdk.unsupported})
 * and chains each to the handler it replaces, unless that one is the JVM's own (which would start
 * the JVM's exit at once) or the default/ignore disposition. Skips everything, with a warning,
 * when the JVM runs with {@code -Xrs} or its equivalent {@code -XX:+ReduceSignalUsage}. {@code QUIT}, {@code KILL} and {@code STOP} cannot be
 * handled.
 */
final class SignalHandlers {

	private static final Log logger = LogFactory.getLog(SignalHandlers.class);

	/** The class sun.misc.Signal wraps handlers in that were installed inside the JDK. */
	private static final String JDK_INTERNAL_HANDLER = "sun.misc.Signal$SunMiscHandler";

	private final List<Installed> installed = new ArrayList<>();

	/**
	 * Install one handler for each signal.
	 * @param names signal names without {@code SIG}, e.g. {@code TERM}
	 * @param handler called on a JVM signal thread with the signal
	 * @return whether handlers were installed (false with {@code -Xrs})
	 */
	boolean install(Collection<String> names, Consumer<Signal> handler) {
		if (reducedSignalUsage()) {
			logger.warn("The JVM runs with -Xrs (or -XX:+ReduceSignalUsage): no handler installed for " + names
					+ "; graceful shutdown happens only when the application context is closed");
			return false;
		}
		for (String name : names) {
			install(name, handler);
		}
		return true;
	}

	private void install(String name, Consumer<Signal> handler) {
		Signal signal;
		try {
			signal = new Signal(name);
		}
		catch (IllegalArgumentException ex) {
			throw new IpcStartupException("Unknown signal '" + name + "' in ipc.shutdown: " + ex.getMessage(),
					"ipc.shutdown.signals", name, "Name signals without SIG, as kill -l lists them: TERM, INT, HUP, "
							+ "USR1, USR2 (QUIT, KILL and STOP cannot be handled).",
					ex);
		}
		Chained chained = new Chained(handler);
		try {
			SignalHandler previous = Signal.handle(signal, chained);
			chained.previous = chainable(previous) ? previous : null;
			this.installed.add(new Installed(signal, previous));
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Cannot handle SIG" + name + " (" + ex.getMessage() + "); it keeps its default behaviour");
		}
	}

	private static boolean chainable(SignalHandler previous) {
		return previous != SignalHandler.SIG_DFL && previous != SignalHandler.SIG_IGN
				&& !previous.getClass().getName().equals(JDK_INTERNAL_HANDLER);
	}

	/**
	 * Put back the handlers that were replaced.
	 */
	void uninstall() {
		for (Installed entry : this.installed) {
			try {
				Signal.handle(entry.signal(), entry.previous());
			}
			catch (IllegalArgumentException ex) {
				logger.debug("Could not restore the handler of SIG" + entry.signal().getName(), ex);
			}
		}
		this.installed.clear();
	}

	/**
	 * Return whether the JVM runs with reduced signal usage; the last of the options wins, as in
	 * the JVM ({@code -Xrs} sets {@code ReduceSignalUsage}).
	 */
	static boolean reducedSignalUsage() {
		boolean reduced = false;
		for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
			if (argument.equals("-Xrs") || argument.equals("-XX:+ReduceSignalUsage")) {
				reduced = true;
			}
			else if (argument.equals("-XX:-ReduceSignalUsage")) {
				reduced = false;
			}
		}
		return reduced;
	}

	private record Installed(Signal signal, SignalHandler previous) {
	}

	/**
	 * Our handler, then the one installed before it by another library.
	 */
	private static final class Chained implements SignalHandler {

		private final Consumer<Signal> handler;

		private volatile @Nullable SignalHandler previous;

		Chained(Consumer<Signal> handler) {
			this.handler = handler;
		}

		@Override
		public void handle(Signal signal) {
			try {
				this.handler.accept(signal);
			}
			finally {
				SignalHandler next = this.previous;
				if (next != null) {
					next.handle(signal);
				}
			}
		}

	}

}
