package io.github.ipcboot.tcp.actuate;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.github.ipcboot.tcp.ConnectionRegistry;
import io.github.ipcboot.tcp.TcpObserver;
import io.github.ipcboot.tcp.TcpSession;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import org.jspecify.annotations.Nullable;

/**
 * Records the meters of one TCP server or client. Every meter is registered when the observer is
 * created, counters of every reason and error at zero, so that dashboards show zero rather than
 * nothing.
 */
final class MicrometerTcpObserver implements TcpObserver {

	private final Counter opened;

	private final Map<CloseReason, Counter> closed;

	private final Map<RejectReason, Counter> rejected;

	private final Counter bytesReceived;

	private final Counter bytesSent;

	private final Counter framesReceived;

	private final Counter framesSent;

	private final Counter framesDropped;

	private final Map<FrameError, Counter> frameErrors;

	private final Map<RequestOutcome, Timer> requests;

	private final @Nullable TcpHandlerObservations handler;

	private final @Nullable Counter tlsReloads;

	private MicrometerTcpObserver(MeterRegistry registry, String name, Side side, boolean unix,
			ConnectionRegistry connections, boolean tls, @Nullable TcpHandlerObservations handler) {
		Tags tags = Tags.of("name", name, "side", side.tagValue, "transport", unix ? "unix" : "tcp");
		Gauge.builder("ipc.tcp.connections.active", connections, ConnectionRegistry::getOpenConnections)
			.description("Open TCP connections")
			.baseUnit(BaseUnits.CONNECTIONS)
			.tags(tags)
			.strongReference(true)
			.register(registry);
		this.opened = counter(registry, "ipc.tcp.connections.opened", "TCP connections opened", BaseUnits.CONNECTIONS,
				tags);
		this.closed = byConstant(CloseReason.class, (reason) -> counter(registry, "ipc.tcp.connections.closed",
				"TCP connections closed, by reason", BaseUnits.CONNECTIONS, tags.and("reason", tagValue(reason))));
		this.rejected = (side != Side.SERVER) ? new EnumMap<>(RejectReason.class)
				: byConstant(RejectReason.class,
						(reason) -> counter(registry, "ipc.tcp.connections.rejected",
								"TCP connections a server turned away, by reason", BaseUnits.CONNECTIONS,
								tags.and("reason", tagValue(reason))));
		this.bytesReceived = counter(registry, "ipc.tcp.data.received",
				"Framed bytes read from TCP connections (after TLS decryption)", BaseUnits.BYTES, tags);
		this.bytesSent = counter(registry, "ipc.tcp.data.sent",
				"Framed bytes written to TCP connections (before TLS encryption)", BaseUnits.BYTES, tags);
		this.framesReceived = counter(registry, "ipc.tcp.frames.received", "Whole frames read from TCP connections",
				"frames", tags);
		this.framesSent = counter(registry, "ipc.tcp.frames.sent", "Frames written to TCP connections", "frames",
				tags);
		this.framesDropped = counter(registry, "ipc.tcp.frames.dropped",
				"Frames not written because their TCP connection had closed (replies of listener calls that "
						+ "ended after the close)",
				"frames", tags);
		this.frameErrors = byConstant(FrameError.class, (error) -> counter(registry, "ipc.tcp.frame.errors",
				"Bytes read from TCP connections that were not a valid frame, by error", "errors",
				tags.and("error", tagValue(error))));
		this.requests = (side != Side.CLIENT) ? new EnumMap<>(RequestOutcome.class)
				: byConstant(RequestOutcome.class,
						(outcome) -> Timer.builder("ipc.tcp.client.requests")
							.description("Request-reply exchanges of a TCP client, by outcome")
							.tags(Tags.of("name", name, "outcome", tagValue(outcome)))
							.register(registry));
		this.handler = handler;
		this.tlsReloads = tls ? counter(registry, "ipc.tcp.ssl.reloads",
				"Reloads of the SSL bundle of a TCP server or client (new connections use the new certificates)",
				"reloads", tags) : null;
	}

	/**
	 * Create the observer of a server and register its meters.
	 * @param registry the meter registry
	 * @param name the server's name
	 * @param unix whether it listens on a Unix domain socket (tag {@code transport}: {@code unix}
	 * or {@code tcp})
	 * @param connections the server's connections
	 * @param tls whether the server uses TLS (and counts reloads of its SSL bundle)
	 * @param handler the observations of its listener method
	 * @return the observer
	 */
	static MicrometerTcpObserver server(MeterRegistry registry, String name, boolean unix,
			ConnectionRegistry connections, boolean tls, TcpHandlerObservations handler) {
		return new MicrometerTcpObserver(registry, name, Side.SERVER, unix, connections, tls, handler);
	}

	/**
	 * Create the observer of a client and register its meters.
	 * @param registry the meter registry
	 * @param name the client's name
	 * @param unix whether it connects to a Unix domain socket
	 * @param connections the client's connections
	 * @param tls whether the client uses TLS (and counts reloads of its SSL bundle)
	 * @return the observer
	 */
	static MicrometerTcpObserver client(MeterRegistry registry, String name, boolean unix,
			ConnectionRegistry connections, boolean tls) {
		return new MicrometerTcpObserver(registry, name, Side.CLIENT, unix, connections, tls, null);
	}

	private static Counter counter(MeterRegistry registry, String name, String description, String baseUnit,
			Tags tags) {
		return Counter.builder(name).description(description).baseUnit(baseUnit).tags(tags).register(registry);
	}

	private static <E extends Enum<E>, M> Map<E, M> byConstant(Class<E> type, Function<E, M> factory) {
		Map<E, M> meters = new EnumMap<>(type);
		for (E constant : type.getEnumConstants()) {
			meters.put(constant, factory.apply(constant));
		}
		return meters;
	}

	static String tagValue(Enum<?> constant) {
		return constant.name().toLowerCase(Locale.ROOT);
	}

	@Override
	public void connectionOpened() {
		this.opened.increment();
	}

	@Override
	public void connectionClosed(CloseReason reason) {
		this.closed.get(reason).increment();
	}

	@Override
	public void connectionRejected(RejectReason reason) {
		Counter counter = this.rejected.get(reason);
		if (counter != null) {
			counter.increment();
		}
	}

	@Override
	public void bytesReceived(long count) {
		this.bytesReceived.increment(count);
	}

	@Override
	public void bytesSent(long count) {
		this.bytesSent.increment(count);
	}

	@Override
	public void frameReceived() {
		this.framesReceived.increment();
	}

	@Override
	public void frameSent() {
		this.framesSent.increment();
	}

	@Override
	public void frameDropped() {
		this.framesDropped.increment();
	}

	@Override
	public void frameError(FrameError error) {
		this.frameErrors.get(error).increment();
	}

	@Override
	public Handling handlerStarted(TcpSession session) {
		TcpHandlerObservations observations = this.handler;
		return (observations != null) ? observations.start(session) : Handling.NONE;
	}

	@Override
	public void requestCompleted(RequestOutcome outcome, long durationNanos) {
		Timer timer = this.requests.get(outcome);
		if (timer != null) {
			timer.record(durationNanos, TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public void tlsReloaded() {
		Counter counter = this.tlsReloads;
		if (counter != null) {
			counter.increment();
		}
	}

	private enum Side {

		SERVER("server"), CLIENT("client");

		private final String tagValue;

		Side(String tagValue) {
			this.tagValue = tagValue;
		}

	}

}
