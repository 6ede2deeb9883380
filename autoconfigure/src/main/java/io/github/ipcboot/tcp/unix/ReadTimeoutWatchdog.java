package io.github.ipcboot.tcp.unix;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Ends the blocking reads of a Unix socket server's connections that wait longer than their read
 * timeout (the server's {@code idle-timeout}). A blocking channel read has no timeout in the JDK,
 * and a timed wait in a selector before each read costs a system call and a selector round per
 * request; so each read is a plain blocking read that only stamps its deadline, and this watchdog
 * closes the channel of a read past its deadline: the reading thread then fails with a
 * {@link java.net.SocketTimeoutException}, as a timed-out socket read does
 * ({@link BlockingReads}).
 * <p>
 * One daemon thread per server, started with the first watched connection, scans the reading
 * connections {@value #CHECKS_PER_TIMEOUT} times per timeout, at most every second and at least
 * every {@value #MIN_PERIOD_MILLIS} ms: a read ends at most one period after its deadline.
 */
final class ReadTimeoutWatchdog {

	private static final Log logger = LogFactory.getLog(ReadTimeoutWatchdog.class);

	/** How many scans per timeout, i.e. how late a read may end, as a fraction of the timeout. */
	static final int CHECKS_PER_TIMEOUT = 10;

	static final long MIN_PERIOD_MILLIS = 10;

	private static final long MAX_PERIOD_MILLIS = 1000;

	private final String name;

	private final long periodMillis;

	private final Set<UnixChannelView> watched = ConcurrentHashMap.newKeySet();

	private @Nullable ScheduledThreadPoolExecutor timer;

	private boolean stopped;

	/**
	 * Create the watchdog of a server.
	 * @param name the server's name, for its thread
	 * @param timeoutMillis the read timeout of the server's connections, more than 0
	 */
	ReadTimeoutWatchdog(String name, long timeoutMillis) {
		this.name = name;
		this.periodMillis = Math.max(MIN_PERIOD_MILLIS, Math.min(MAX_PERIOD_MILLIS, timeoutMillis / CHECKS_PER_TIMEOUT));
	}

	/**
	 * Return how often the watchdog scans.
	 * @return the period in milliseconds
	 */
	long periodMillis() {
		return this.periodMillis;
	}

	/**
	 * Watch a connection until it closes (the thread starts with the first one).
	 * @param view the connection's channel
	 * @return {@code false} if the watchdog was stopped: the connection must not read with a
	 * timeout
	 */
	synchronized boolean watch(UnixChannelView view) {
		if (this.stopped) {
			return false;
		}
		if (this.timer == null) {
			CustomizableThreadFactory threads = new CustomizableThreadFactory("ipc-unix-" + this.name + "-read-timeouts-");
			threads.setDaemon(true);
			ScheduledThreadPoolExecutor created = new ScheduledThreadPoolExecutor(1, threads);
			created.scheduleWithFixedDelay(this::check, this.periodMillis, this.periodMillis, TimeUnit.MILLISECONDS);
			this.timer = created;
		}
		this.watched.add(view);
		return true;
	}

	/**
	 * Stop watching a connection (it closed).
	 * @param view the connection's channel
	 */
	void unwatch(UnixChannelView view) {
		this.watched.remove(view);
	}

	/**
	 * Return how many connections are watched.
	 * @return the count
	 */
	int watchedCount() {
		return this.watched.size();
	}

	/**
	 * Stop the thread for good; the connections close with the server.
	 */
	synchronized void stop() {
		this.stopped = true;
		ScheduledThreadPoolExecutor running = this.timer;
		this.timer = null;
		if (running != null) {
			running.shutdownNow();
		}
	}

	/**
	 * End every read past its deadline. Nothing may escape: an escaping throwable would cancel the
	 * periodic scan for good, and with it every later timeout.
	 */
	void check() {
		try {
			long now = System.nanoTime();
			for (UnixChannelView view : this.watched) {
				if (view.expireRead(now)) {
					this.watched.remove(view);
				}
			}
		}
		catch (Throwable ex) {
			logger.warn("The read timeout watchdog of Unix socket server '" + this.name + "' failed a scan; it scans again in "
					+ this.periodMillis + " ms", ex);
		}
	}

}
