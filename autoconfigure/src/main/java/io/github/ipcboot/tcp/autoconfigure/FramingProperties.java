package io.github.ipcboot.tcp.autoconfigure;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import io.github.ipcboot.framing.Framing;
import io.github.ipcboot.framing.FramingType;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * How a TCP server or client cuts its byte stream into frames, and the charset of text frames.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class FramingProperties {

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
	 * Largest frame accepted when reading. 64KB when not set, or the fixed-length when that is
	 * larger.
	 */
	private @Nullable DataSize maxFrameSize;

	/**
	 * Charset of frames taken or returned as String.
	 */
	private Charset charset = StandardCharsets.UTF_8;

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

	public @Nullable DataSize getMaxFrameSize() {
		return this.maxFrameSize;
	}

	public void setMaxFrameSize(@Nullable DataSize maxFrameSize) {
		this.maxFrameSize = maxFrameSize;
	}

	public Charset getCharset() {
		return this.charset;
	}

	public void setCharset(Charset charset) {
		this.charset = charset;
	}

	/**
	 * Build the framing these properties describe.
	 * @return the framing
	 * @throws IllegalArgumentException if the properties do not describe a valid framing
	 */
	Framing toFraming() {
		Framing.Builder builder = Framing.builder(this.framing)
			.terminator(this.terminator)
			.start(this.start)
			.end(this.end)
			.lengthHeaderSize(this.lengthHeaderSize)
			.fixedLength(this.fixedLength);
		if (this.maxFrameSize != null) {
			builder.maxFrameSize((int) Math.min(Framing.LARGEST_MAX_FRAME_SIZE, this.maxFrameSize.toBytes()));
		}
		return builder.build();
	}

}
