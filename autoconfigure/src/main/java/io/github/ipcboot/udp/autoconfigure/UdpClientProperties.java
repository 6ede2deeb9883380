package io.github.ipcboot.udp.autoconfigure;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Properties of one UDP client ({@code ipc.udp.clients.<name>.*}).
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public class UdpClientProperties {

	/**
	 * Host name or address of the server.
	 */
	private @Nullable String host;

	/**
	 * Port of the server.
	 */
	private @Nullable Integer port;

	/**
	 * How long one attempt of a request waits for its reply.
	 */
	private Duration replyTimeout = Duration.ofSeconds(1);

	/**
	 * How many times a request without a reply is sent again; requests must be safe to repeat.
	 */
	private int retries = 2;

	/**
	 * Largest reply accepted; larger ones are dropped and counted. At most 65507 bytes.
	 */
	private DataSize maxDatagramSize = DataSize.ofKilobytes(8);

	/**
	 * Charset of datagrams sent or taken as String.
	 */
	private Charset charset = StandardCharsets.UTF_8;

	public @Nullable String getHost() {
		return this.host;
	}

	public void setHost(@Nullable String host) {
		this.host = host;
	}

	public @Nullable Integer getPort() {
		return this.port;
	}

	public void setPort(@Nullable Integer port) {
		this.port = port;
	}

	public Duration getReplyTimeout() {
		return this.replyTimeout;
	}

	public void setReplyTimeout(Duration replyTimeout) {
		this.replyTimeout = replyTimeout;
	}

	public int getRetries() {
		return this.retries;
	}

	public void setRetries(int retries) {
		this.retries = retries;
	}

	public DataSize getMaxDatagramSize() {
		return this.maxDatagramSize;
	}

	public void setMaxDatagramSize(DataSize maxDatagramSize) {
		this.maxDatagramSize = maxDatagramSize;
	}

	public Charset getCharset() {
		return this.charset;
	}

	public void setCharset(Charset charset) {
		this.charset = charset;
	}

}
