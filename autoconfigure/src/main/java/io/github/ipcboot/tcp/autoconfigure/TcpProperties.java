package io.github.ipcboot.tcp.autoconfigure;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.ipcboot.framing.FramingType;
import io.github.ipcboot.tcp.TcpErrorAction;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for TCP servers.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
@ConfigurationProperties("ipc.tcp")
public class TcpProperties {

	/**
	 * Whether server connections are served by virtual threads (JDK 21 and later). When not set,
	 * follows spring.threads.virtual.enabled.
	 */
	private @Nullable Boolean virtualThreads;

	/**
	 * TCP servers by name; each gets a connection factory bean named
	 * '<name>TcpServerConnectionFactory'.
	 */
	private final Map<String, Server> servers = new LinkedHashMap<>();

	public @Nullable Boolean getVirtualThreads() {
		return this.virtualThreads;
	}

	public void setVirtualThreads(@Nullable Boolean virtualThreads) {
		this.virtualThreads = virtualThreads;
	}

	public Map<String, Server> getServers() {
		return this.servers;
	}

	/**
	 * One TCP server.
	 */
	public static class Server {

		/**
		 * Port to listen on; 0 binds an ephemeral port.
		 */
		private @Nullable Integer port;

		/**
		 * Local address to bind, e.g. 127.0.0.1. All interfaces when not set.
		 */
		private @Nullable String address;

		/**
		 * How the byte stream is cut into frames: line, crlf, lf, terminator, stx-etx, start-end,
		 * length-header, fixed or eof.
		 */
		private FramingType framing = FramingType.LINE;

		/**
		 * Bytes that end a frame, for the 'terminator' framing. Escapes \r \n \t \\ and \xHH are
		 * interpreted; use single quotes in YAML.
		 */
		private @Nullable String terminator;

		/**
		 * Bytes that start a frame, for the 'start-end' framing, with the same escapes.
		 */
		private @Nullable String start;

		/**
		 * Bytes that end a frame, for the 'start-end' framing, with the same escapes.
		 */
		private @Nullable String end;

		/**
		 * Size in bytes (1, 2 or 4) of the length header, for the 'length-header' framing. 4 when
		 * not set.
		 */
		private @Nullable Integer lengthHeaderSize;

		/**
		 * Length in bytes of every frame, for the 'fixed' framing.
		 */
		private @Nullable Integer fixedLength;

		/**
		 * Largest frame accepted; a longer one is answered according to on-frame-too-large.
		 */
		private DataSize maxFrameSize = DataSize.ofKilobytes(64);

		/**
		 * Charset of frames that listeners take or return as String.
		 */
		private Charset charset = StandardCharsets.UTF_8;

		/**
		 * Most connections served at once; further connections are accepted and closed at once.
		 */
		private int maxConnections = 10_000;

		/**
		 * How long a connection may stay silent before it is closed. 0 for no limit.
		 */
		private Duration idleTimeout = Duration.ofMinutes(5);

		/**
		 * Address ranges in CIDR notation (e.g. 10.0.0.0/8) that clients must come from; others are
		 * closed before a byte is read. Any client when empty.
		 */
		private List<String> allowedClients = new ArrayList<>();

		/**
		 * What to do with the connection when the listener throws.
		 */
		private TcpErrorAction onListenerError = TcpErrorAction.CLOSE;

		/**
		 * Frame sent after a listener failure when on-listener-error is 'reply' or
		 * 'reply-and-close'; {error} stands for the exception's simple class name.
		 */
		private String listenerErrorReply = "ERR {error}";

		/**
		 * What to do with the connection when a frame is longer than max-frame-size.
		 */
		private TcpErrorAction onFrameTooLarge = TcpErrorAction.CLOSE;

		/**
		 * Frame sent for an oversized frame when on-frame-too-large is 'reply' or
		 * 'reply-and-close'; {limit} stands for max-frame-size in bytes.
		 */
		private String frameTooLargeReply = "ERR FRAME_TOO_LARGE {limit}";

		public @Nullable Integer getPort() {
			return this.port;
		}

		public void setPort(@Nullable Integer port) {
			this.port = port;
		}

		public @Nullable String getAddress() {
			return this.address;
		}

		public void setAddress(@Nullable String address) {
			this.address = address;
		}

		public FramingType getFraming() {
			return this.framing;
		}

		public void setFraming(FramingType framing) {
			this.framing = framing;
		}

		public @Nullable String getTerminator() {
			return this.terminator;
		}

		public void setTerminator(@Nullable String terminator) {
			this.terminator = terminator;
		}

		public @Nullable String getStart() {
			return this.start;
		}

		public void setStart(@Nullable String start) {
			this.start = start;
		}

		public @Nullable String getEnd() {
			return this.end;
		}

		public void setEnd(@Nullable String end) {
			this.end = end;
		}

		public @Nullable Integer getLengthHeaderSize() {
			return this.lengthHeaderSize;
		}

		public void setLengthHeaderSize(@Nullable Integer lengthHeaderSize) {
			this.lengthHeaderSize = lengthHeaderSize;
		}

		public @Nullable Integer getFixedLength() {
			return this.fixedLength;
		}

		public void setFixedLength(@Nullable Integer fixedLength) {
			this.fixedLength = fixedLength;
		}

		public DataSize getMaxFrameSize() {
			return this.maxFrameSize;
		}

		public void setMaxFrameSize(DataSize maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
		}

		public Charset getCharset() {
			return this.charset;
		}

		public void setCharset(Charset charset) {
			this.charset = charset;
		}

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public List<String> getAllowedClients() {
			return this.allowedClients;
		}

		public void setAllowedClients(List<String> allowedClients) {
			this.allowedClients = allowedClients;
		}

		public TcpErrorAction getOnListenerError() {
			return this.onListenerError;
		}

		public void setOnListenerError(TcpErrorAction onListenerError) {
			this.onListenerError = onListenerError;
		}

		public String getListenerErrorReply() {
			return this.listenerErrorReply;
		}

		public void setListenerErrorReply(String listenerErrorReply) {
			this.listenerErrorReply = listenerErrorReply;
		}

		public TcpErrorAction getOnFrameTooLarge() {
			return this.onFrameTooLarge;
		}

		public void setOnFrameTooLarge(TcpErrorAction onFrameTooLarge) {
			this.onFrameTooLarge = onFrameTooLarge;
		}

		public String getFrameTooLargeReply() {
			return this.frameTooLargeReply;
		}

		public void setFrameTooLargeReply(String frameTooLargeReply) {
			this.frameTooLargeReply = frameTooLargeReply;
		}

	}

}
