package io.github.ipcboot.framing;

import java.util.Locale;

/**
 * The kinds of framing the codecs support, named as in configuration ({@code framing: line}).
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public enum FramingType {

	/** A frame ends at LF; a CR right before it is dropped; frames are written with CRLF. */
	LINE("line"),

	/** A frame ends at CRLF exactly. */
	CRLF("crlf"),

	/** A frame ends at LF exactly. */
	LF("lf"),

	/** A frame ends at a configured, non-empty byte sequence. */
	TERMINATOR("terminator"),

	/** A frame is enclosed in STX (0x02) and ETX (0x03). */
	STX_ETX("stx-etx"),

	/** A frame is enclosed in configured start and end sequences, e.g. HL7 MLLP. */
	START_END("start-end"),

	/** A frame is preceded by its length as a 1, 2 or 4 byte big-endian unsigned number. */
	LENGTH_HEADER("length-header"),

	/** Every frame has the same configured number of bytes. */
	FIXED("fixed"),

	/** One frame is everything until the peer closes its side of the stream. */
	EOF("eof");

	private final String configName;

	FramingType(String configName) {
		this.configName = configName;
	}

	/**
	 * Return the name used in configuration, e.g. {@code length-header}.
	 * @return the configuration name
	 */
	public String configName() {
		return this.configName;
	}

	/**
	 * Find a framing type by its configuration name, ignoring case and accepting {@code _} for
	 * {@code -}.
	 * @param name the name, e.g. {@code start-end}
	 * @return the framing type
	 * @throws IllegalArgumentException if no framing has that name
	 */
	public static FramingType fromName(String name) {
		String normalized = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
		for (FramingType type : values()) {
			if (type.configName.equals(normalized)) {
				return type;
			}
		}
		throw new IllegalArgumentException("Unknown framing '" + name
				+ "' (use line, crlf, lf, terminator, stx-etx, start-end, length-header, fixed or eof)");
	}

	@Override
	public String toString() {
		return this.configName;
	}

}
