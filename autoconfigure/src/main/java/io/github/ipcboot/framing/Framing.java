package io.github.ipcboot.framing;

import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Describes how a byte stream is cut into frames: the {@link FramingType}, its parameters and the
 * maximum frame size. Immutable; {@link #createCodec()} makes a new codec every time, so no codec
 * is ever shared between connection factories by accident.
 * <pre class="code">
 * Framing.line();                                   // LF or CRLF in, CRLF out
 * Framing.terminator("\\r\\n\\r\\n");                 // escaped text, see Escapes
 * Framing.startEnd("\\x0b", "\\x1c\\r");              // HL7 MLLP
 * Framing.lengthHeader(2).withMaxFrameSize(1024);
 * Framing.builder(FramingType.fromName("terminator")).terminator("END\\n").build(); // from configuration
 * </pre>
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public final class Framing {

	/** The maximum frame size unless one is set: 64 KiB. */
	public static final int DEFAULT_MAX_FRAME_SIZE = 64 * 1024;

	/** The largest maximum frame size a codec accepts. */
	public static final int LARGEST_MAX_FRAME_SIZE = Integer.MAX_VALUE - 1024;

	/** The length header size unless one is set: 4 bytes, as in Spring Integration. */
	public static final int DEFAULT_LENGTH_HEADER_SIZE = 4;

	private static final byte[] NONE = {};

	private final FramingType type;

	private final byte[] start;

	private final byte[] end;

	private final int size;

	private final int maxFrameSize;

	private Framing(FramingType type, byte[] start, byte[] end, int size, int maxFrameSize) {
		this.type = type;
		this.start = start;
		this.end = end;
		this.size = size;
		this.maxFrameSize = maxFrameSize;
		validate();
	}

	private void validate() {
		if (this.maxFrameSize < 1 || this.maxFrameSize > LARGEST_MAX_FRAME_SIZE) {
			throw new IllegalArgumentException("max-frame-size must be between 1 and " + LARGEST_MAX_FRAME_SIZE
					+ " bytes, got " + this.maxFrameSize);
		}
		switch (this.type) {
			case TERMINATOR -> requireNonEmpty(this.end, "a terminator, e.g. terminator: '\\r\\n\\r\\n'");
			case START_END -> {
				requireNonEmpty(this.start, "a start sequence, e.g. start: '\\x0b'");
				requireNonEmpty(this.end, "an end sequence, e.g. end: '\\x1c\\r'");
			}
			case LENGTH_HEADER -> {
				if (this.size != 1 && this.size != 2 && this.size != 4) {
					throw new IllegalArgumentException(
							"framing 'length-header' needs a header size of 1, 2 or 4 bytes, got " + this.size);
				}
			}
			case FIXED -> {
				if (this.size < 1 || this.size > this.maxFrameSize) {
					throw new IllegalArgumentException("framing 'fixed' needs a frame length between 1 and "
							+ "max-frame-size (" + this.maxFrameSize + "), got " + this.size);
				}
			}
			default -> {
			}
		}
	}

	private void requireNonEmpty(byte[] bytes, String what) {
		if (bytes.length == 0) {
			throw new IllegalArgumentException("framing '" + this.type + "' needs " + what);
		}
	}

	/**
	 * Frames end at LF; a CR right before it is dropped, so LF and CRLF lines are both accepted;
	 * frames are written with CRLF.
	 * @return the framing
	 */
	public static Framing line() {
		return new Framing(FramingType.LINE, NONE, new byte[] { '\n' }, 0, DEFAULT_MAX_FRAME_SIZE);
	}

	/**
	 * Frames end at CRLF exactly.
	 * @return the framing
	 */
	public static Framing crlf() {
		return new Framing(FramingType.CRLF, NONE, new byte[] { '\r', '\n' }, 0, DEFAULT_MAX_FRAME_SIZE);
	}

	/**
	 * Frames end at LF exactly.
	 * @return the framing
	 */
	public static Framing lf() {
		return new Framing(FramingType.LF, NONE, new byte[] { '\n' }, 0, DEFAULT_MAX_FRAME_SIZE);
	}

	/**
	 * Frames end at the given bytes.
	 * @param terminator any non-empty byte sequence
	 * @return the framing
	 */
	public static Framing terminator(byte[] terminator) {
		return new Framing(FramingType.TERMINATOR, NONE, terminator.clone(), 0, DEFAULT_MAX_FRAME_SIZE);
	}

	/**
	 * Frames end at the bytes of the given escaped text (see {@link Escapes}).
	 * @param escapedTerminator e.g. {@code \r\n\r\n} or {@code \x00}
	 * @return the framing
	 */
	public static Framing terminator(String escapedTerminator) {
		return terminator(Escapes.parse(escapedTerminator));
	}

	/**
	 * Frames are enclosed in STX (0x02) and ETX (0x03).
	 * @return the framing
	 */
	public static Framing stxEtx() {
		return new Framing(FramingType.STX_ETX, new byte[] { 0x02 }, new byte[] { 0x03 }, 0, DEFAULT_MAX_FRAME_SIZE);
	}

	/**
	 * Frames are enclosed in the given start and end sequences.
	 * @param start the start sequence
	 * @param end the end sequence
	 * @return the framing
	 */
	public static Framing startEnd(byte[] start, byte[] end) {
		return new Framing(FramingType.START_END, start.clone(), end.clone(), 0, DEFAULT_MAX_FRAME_SIZE);
	}

	/**
	 * Frames are enclosed in the given escaped start and end sequences (see {@link Escapes}).
	 * @param escapedStart e.g. {@code \x0b}
	 * @param escapedEnd e.g. {@code \x1c\r}
	 * @return the framing
	 */
	public static Framing startEnd(String escapedStart, String escapedEnd) {
		return startEnd(Escapes.parse(escapedStart), Escapes.parse(escapedEnd));
	}

	/**
	 * Frames are preceded by a 4-byte big-endian unsigned length.
	 * @return the framing
	 */
	public static Framing lengthHeader() {
		return lengthHeader(DEFAULT_LENGTH_HEADER_SIZE);
	}

	/**
	 * Frames are preceded by a big-endian unsigned length of the given size.
	 * @param headerSize 1, 2 or 4 bytes
	 * @return the framing
	 */
	public static Framing lengthHeader(int headerSize) {
		return new Framing(FramingType.LENGTH_HEADER, NONE, NONE, headerSize, DEFAULT_MAX_FRAME_SIZE);
	}

	/**
	 * Every frame has exactly the given number of bytes.
	 * @param frameLength the length of every frame
	 * @return the framing
	 */
	public static Framing fixed(int frameLength) {
		return new Framing(FramingType.FIXED, NONE, NONE, frameLength,
				Math.max(frameLength, DEFAULT_MAX_FRAME_SIZE));
	}

	/**
	 * One frame is everything until the peer closes its side of the stream.
	 * @return the framing
	 */
	public static Framing eof() {
		return new Framing(FramingType.EOF, NONE, NONE, 0, DEFAULT_MAX_FRAME_SIZE);
	}

	/**
	 * Start building a framing from configuration values.
	 * @param type the framing type
	 * @return a builder
	 */
	public static Builder builder(FramingType type) {
		return new Builder(type);
	}

	/**
	 * Return a copy of this framing with another maximum frame size.
	 * @param maxFrameSize the largest frame to accept when reading, in bytes
	 * @return the new framing
	 */
	public Framing withMaxFrameSize(int maxFrameSize) {
		return new Framing(this.type, this.start, this.end, this.size, maxFrameSize);
	}

	/**
	 * Create a new codec for this framing. Every call returns a new instance.
	 * @return the codec
	 */
	public FrameCodec createCodec() {
		return switch (this.type) {
			case LINE -> new TerminatorCodec(this, this.end, new byte[] { '\r', '\n' }, true);
			case CRLF, LF, TERMINATOR -> new TerminatorCodec(this, this.end, this.end, false);
			case STX_ETX, START_END -> new StartEndCodec(this, this.start, this.end);
			case LENGTH_HEADER -> new LengthHeaderCodec(this, this.size);
			case FIXED -> new FixedLengthCodec(this, this.size);
			case EOF -> new EofCodec(this);
		};
	}

	/**
	 * Return the framing type.
	 * @return the type
	 */
	public FramingType getType() {
		return this.type;
	}

	/**
	 * Return the start sequence of {@code stx-etx} and {@code start-end} framings.
	 * @return a copy of the bytes, empty for other framings
	 */
	public byte[] getStart() {
		return this.start.clone();
	}

	/**
	 * Return the terminator, or the end sequence of {@code stx-etx} and {@code start-end} framings;
	 * for {@code line} it is LF, the byte that ends a frame when reading.
	 * @return a copy of the bytes, empty for framings without one
	 */
	public byte[] getEnd() {
		return this.end.clone();
	}

	/**
	 * Return the header size of a {@code length-header} framing.
	 * @return the size in bytes, or 0 for other framings
	 */
	public int getLengthHeaderSize() {
		return (this.type == FramingType.LENGTH_HEADER) ? this.size : 0;
	}

	/**
	 * Return the frame length of a {@code fixed} framing.
	 * @return the length in bytes, or 0 for other framings
	 */
	public int getFixedLength() {
		return (this.type == FramingType.FIXED) ? this.size : 0;
	}

	/**
	 * Return the largest frame accepted when reading.
	 * @return the size in bytes
	 */
	public int getMaxFrameSize() {
		return this.maxFrameSize;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof Framing that && this.type == that.type && this.size == that.size
				&& this.maxFrameSize == that.maxFrameSize && Arrays.equals(this.start, that.start)
				&& Arrays.equals(this.end, that.end));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.type, this.size, this.maxFrameSize, Arrays.hashCode(this.start),
				Arrays.hashCode(this.end));
	}

	@Override
	public String toString() {
		String parameters = switch (this.type) {
			case TERMINATOR -> " '" + Escapes.format(this.end) + "'";
			case START_END -> " '" + Escapes.format(this.start) + "' ... '" + Escapes.format(this.end) + "'";
			case LENGTH_HEADER, FIXED -> " " + this.size;
			default -> "";
		};
		return this.type + parameters + " (max " + this.maxFrameSize + " bytes)";
	}

	/**
	 * Builds a {@link Framing} from configuration values, rejecting parameters that the framing
	 * type does not use so that a mistyped configuration fails fast.
	 */
	public static final class Builder {

		private final FramingType type;

		private byte @Nullable [] terminator;

		private byte @Nullable [] start;

		private byte @Nullable [] end;

		private @Nullable Integer lengthHeaderSize;

		private @Nullable Integer fixedLength;

		private @Nullable Integer maxFrameSize;

		private Builder(FramingType type) {
			this.type = Objects.requireNonNull(type, "type must not be null");
		}

		/**
		 * Set the terminator of a {@code terminator} framing.
		 * @param escaped escaped text (see {@link Escapes}), or {@code null} for none
		 * @return this builder
		 */
		public Builder terminator(@Nullable String escaped) {
			this.terminator = (escaped != null) ? Escapes.parse(escaped) : null;
			return this;
		}

		/**
		 * Set the start sequence of a {@code start-end} framing.
		 * @param escaped escaped text (see {@link Escapes}), or {@code null} for none
		 * @return this builder
		 */
		public Builder start(@Nullable String escaped) {
			this.start = (escaped != null) ? Escapes.parse(escaped) : null;
			return this;
		}

		/**
		 * Set the end sequence of a {@code start-end} framing.
		 * @param escaped escaped text (see {@link Escapes}), or {@code null} for none
		 * @return this builder
		 */
		public Builder end(@Nullable String escaped) {
			this.end = (escaped != null) ? Escapes.parse(escaped) : null;
			return this;
		}

		/**
		 * Set the header size of a {@code length-header} framing.
		 * @param size 1, 2 or 4, or {@code null} for the default of 4
		 * @return this builder
		 */
		public Builder lengthHeaderSize(@Nullable Integer size) {
			this.lengthHeaderSize = size;
			return this;
		}

		/**
		 * Set the frame length of a {@code fixed} framing.
		 * @param length the length of every frame, or {@code null} for none
		 * @return this builder
		 */
		public Builder fixedLength(@Nullable Integer length) {
			this.fixedLength = length;
			return this;
		}

		/**
		 * Set the largest frame to accept when reading.
		 * @param maxFrameSize the size in bytes
		 * @return this builder
		 */
		public Builder maxFrameSize(int maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
			return this;
		}

		/**
		 * Build the framing.
		 * @return the framing
		 * @throws IllegalArgumentException if a needed parameter is missing, one is given that the
		 * framing does not use, or a value is out of range
		 */
		public Framing build() {
			rejectUnless(this.terminator, FramingType.TERMINATOR, "terminator");
			rejectUnless(this.start, FramingType.START_END, "start");
			rejectUnless(this.end, FramingType.START_END, "end");
			rejectUnless(this.lengthHeaderSize, FramingType.LENGTH_HEADER, "length-header-size");
			rejectUnless(this.fixedLength, FramingType.FIXED, "fixed-length");
			Framing framing = switch (this.type) {
				case LINE -> line();
				case CRLF -> crlf();
				case LF -> lf();
				case TERMINATOR -> Framing.terminator(orNone(this.terminator));
				case STX_ETX -> stxEtx();
				case START_END -> Framing.startEnd(orNone(this.start), orNone(this.end));
				case LENGTH_HEADER -> lengthHeader(
						(this.lengthHeaderSize != null) ? this.lengthHeaderSize : DEFAULT_LENGTH_HEADER_SIZE);
				case FIXED -> new Framing(FramingType.FIXED, NONE, NONE,
						(this.fixedLength != null) ? this.fixedLength : 0,
						(this.maxFrameSize != null) ? this.maxFrameSize : LARGEST_MAX_FRAME_SIZE);
				case EOF -> eof();
			};
			// a fixed length above the default raises the default limit, as Framing.fixed(int) does
			int defaultMax = Math.max(DEFAULT_MAX_FRAME_SIZE, framing.getFixedLength());
			return framing.withMaxFrameSize((this.maxFrameSize != null) ? this.maxFrameSize : defaultMax);
		}

		private void rejectUnless(@Nullable Object value, FramingType user, String name) {
			if (value != null && this.type != user) {
				throw new IllegalArgumentException(
						"'" + name + "' applies to framing '" + user + "' only, not to '" + this.type + "'");
			}
		}

		private static byte[] orNone(byte @Nullable [] bytes) {
			return (bytes != null) ? bytes : NONE;
		}

	}

}
