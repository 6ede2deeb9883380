package io.github.ipcboot.tcp;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.framing.FramingType;
import io.github.ipcboot.tcp.TcpObserver.CloseReason;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Closes the connections of one server that exceed a timeout of its {@link TcpServerLimits}: a
 * pending write without progress for {@code write-timeout}, a frame not complete
 * {@code frame-timeout} after its first byte, a TLS handshake not done within
 * {@code handshake-timeout}, a PROXY protocol header not arrived within
 * {@code proxy-protocol.header-timeout}. Java has no timeout for a blocking socket write, so the watchdog
 * closes the socket under the blocked thread.
 * <p>
 * One daemon thread per server (started with the server, only if a timeout applies) scans the
 * {@link ConnectionDeadlines} of the open connections {@value #CHECKS_PER_TIMEOUT} times per
 * shortest timeout, at most every second: a connection closes at most one period after its
 * timeout. The connections themselves only write time stamps; a scan reads four fields per
 * connection.
 */
final class ConnectionWatchdog {

	private static final Log logger = LogFactory.getLog(ConnectionWatchdog.class);

	/** How many scans per shortest timeout, i.e. how late a close may be, as a fraction. */
	static final int CHECKS_PER_TIMEOUT = 10;

	private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private static final long MAX_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final String serverName;

	private final ConnectionDeadlines.Limits limits;

	private final long periodNanos;

	private final Set<ConnectionDeadlines> watched = ConcurrentHashMap.newKeySet();

	private @Nullable ScheduledExecutorService timer;

	/**
	 * Create the watchdog of a server.
	 * @param settings the server's settings: its limits, and whether it speaks TLS (the
	 * handshake timeout applies only then)
	 */
	ConnectionWatchdog(TcpServerSettings settings) {
		this(settings.name(),
				new ConnectionDeadlines.Limits(nanos(settings.limits().writeTimeout()),
						frameNanos(settings),
						(settings.tls() != null) ? nanos(settings.limits().handshakeTimeout()) : 0,
						(settings.proxyProtocol() != null) ? nanos(settings.proxyProtocol().headerTimeout()) : 0));
	}

	/**
	 * Create a watchdog with the given timeouts.
	 * @param serverName the name of the server, for its thread and its log
	 * @param limits the timeouts
	 */
	ConnectionWatchdog(String serverName, ConnectionDeadlines.Limits limits) {
		this.serverName = serverName;
		this.limits = limits;
		long shortest = Long.MAX_VALUE;
		for (long limit : new long[] { limits.writeNanos(), limits.frameNanos(), limits.handshakeNanos(),
				limits.headerNanos() }) {
			if (limit > 0) {
				shortest = Math.min(shortest, limit);
			}
		}
		this.periodNanos = Math.max(MIN_PERIOD_NANOS, Math.min(MAX_PERIOD_NANOS, shortest / CHECKS_PER_TIMEOUT));
	}

	/**
	 * Return a watchdog that watches nothing, for clients and stand-alone connection factories.
	 */
	static ConnectionWatchdog none() {
		return new ConnectionWatchdog("none", new ConnectionDeadlines.Limits(0, 0, 0));
	}

	/**
	 * The frame timeout does not apply to {@code eof} framing: its one frame is all the client
	 * sends, an upload that may take any time while bytes keep arriving (idle-timeout bounds the
	 * silences).
	 */
	private static long frameNanos(TcpServerSettings settings) {
		return (settings.framing().getType() != FramingType.EOF) ? nanos(settings.limits().frameTimeout()) : 0;
	}

	private static long nanos(@Nullable Duration timeout) {
		return (timeout != null) ? timeout.toNanos() : 0;
	}

	/**
	 * Return whether any timeout applies.
	 */
	boolean isEnabled() {
		return this.limits.writeNanos() > 0 || this.limits.frameNanos() > 0 || this.limits.handshakeNanos() > 0
				|| this.limits.headerNanos() > 0;
	}

	/**
	 * Watch a connection until {@link #unwatch} (nothing happens when no timeout applies).
	 */
	void watch(ConnectionDeadlines deadlines) {
		if (isEnabled()) {
			this.watched.add(deadlines);
		}
	}

	void unwatch(ConnectionDeadlines deadlines) {
		this.watched.remove(deadlines);
	}

	/**
	 * Start the thread, if a timeout applies and it is not running.
	 */
	synchronized void start() {
		if (this.timer != null || !isEnabled()) {
			return;
		}
		CustomizableThreadFactory threads = new CustomizableThreadFactory("ipc-tcp-" + this.serverName + "-watchdog-");
		threads.setDaemon(true);
		ScheduledThreadPoolExecutor created = new ScheduledThreadPoolExecutor(1, threads);
		created.scheduleWithFixedDelay(this::check, this.periodNanos, this.periodNanos, TimeUnit.NANOSECONDS);
		this.timer = created;
	}

	/**
	 * Stop the thread; the connections close with the server.
	 */
	synchronized void stop() {
		ScheduledExecutorService running = this.timer;
		if (running != null) {
			this.timer = null;
			running.shutdownNow();
		}
	}

	/**
	 * Close every watched connection that has exceeded a timeout. Nothing may escape: an escaping
	 * throwable would cancel the periodic scan for good, and with it every later timeout.
	 */
	void check() {
		try {
			long now = System.nanoTime();
			for (ConnectionDeadlines deadlines : this.watched) {
				CloseReason reason = deadlines.expired(now, this.limits);
				if (reason != null && this.watched.remove(deadlines)) {
					abort(deadlines, reason);
				}
			}
		}
		catch (Throwable ex) {
			logger.warn("The watchdog of TCP server '" + this.serverName + "' failed a scan; it scans again in "
					+ TimeUnit.NANOSECONDS.toMillis(this.periodNanos) + " ms", ex);
		}
	}

	private void abort(ConnectionDeadlines deadlines, CloseReason reason) {
		try {
			if (logger.isDebugEnabled()) {
				logger.debug("Closing connection " + deadlines.connectionId() + " of TCP server '" + this.serverName
						+ "': " + reason.name().toLowerCase(Locale.ROOT).replace('_', '-') + " exceeded");
			}
			deadlines.abort(reason);
		}
		catch (Throwable ex) {
			// the scan goes on for the other connections; this one was counted as closed
			logger.warn("Could not close a connection of TCP server '" + this.serverName + "' after its "
					+ reason.name().toLowerCase(Locale.ROOT).replace('_', '-') + ": " + ex);
			if (logger.isDebugEnabled()) {
				logger.debug("Failure closing a connection of TCP server '" + this.serverName + "'", ex);
			}
		}
	}

}
