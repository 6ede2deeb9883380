package io.github.ipcboot.process;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Decodes a byte stream incrementally and hands each complete line to a listener: {@code \n} and
 * {@code \r\n} end a line, malformed input is replaced, a sequence split between two reads is
 * kept for the next, and a line longer than the limit is handed over in pieces so memory stays
 * bounded. A listener that throws is logged once and skipped from then on; the stream is still
 * drained.
 */
final class LineDecoder {

	private static final Log logger = LogFactory.getLog(LineDecoder.class);

	private static final int CHUNK = 8192;

	private final CharsetDecoder decoder;

	private final Consumer<String> listener;

	private final int maxLineLength;

	private final String description;

	private ByteBuffer pending = ByteBuffer.allocate(0);

	private final CharBuffer chars = CharBuffer.allocate(CHUNK);

	private final StringBuilder line = new StringBuilder();

	private boolean failed;

	LineDecoder(Charset charset, Consumer<String> listener, int maxLineLength, String description) {
		this.decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPLACE)
			.onUnmappableCharacter(CodingErrorAction.REPLACE);
		this.listener = listener;
		this.maxLineLength = Math.max(1, maxLineLength);
		this.description = description;
	}

	void feed(byte[] bytes, int offset, int length) {
		ByteBuffer input = join(bytes, offset, length);
		decode(input, false);
		this.pending = input.hasRemaining() ? copyOfRemaining(input) : ByteBuffer.allocate(0);
	}

	void finish() {
		decode(this.pending, true);
		this.chars.clear();
		this.decoder.flush(this.chars);
		this.chars.flip();
		append(this.chars);
		if (this.line.length() > 0) {
			emit();
		}
	}

	private ByteBuffer join(byte[] bytes, int offset, int length) {
		if (!this.pending.hasRemaining()) {
			return ByteBuffer.wrap(bytes, offset, length);
		}
		ByteBuffer joined = ByteBuffer.allocate(this.pending.remaining() + length);
		joined.put(this.pending).put(bytes, offset, length).flip();
		return joined;
	}

	private static ByteBuffer copyOfRemaining(ByteBuffer input) {
		ByteBuffer copy = ByteBuffer.allocate(input.remaining());
		copy.put(input).flip();
		return copy;
	}

	private void decode(ByteBuffer input, boolean endOfInput) {
		while (true) {
			this.chars.clear();
			boolean overflow = this.decoder.decode(input, this.chars, endOfInput).isOverflow();
			this.chars.flip();
			append(this.chars);
			if (!overflow) {
				return;
			}
		}
	}

	private void append(CharBuffer decoded) {
		while (decoded.hasRemaining()) {
			char c = decoded.get();
			if (c == '\n') {
				int last = this.line.length() - 1;
				if (last >= 0 && this.line.charAt(last) == '\r') {
					this.line.setLength(last);
				}
				emit();
			}
			else {
				// split when a line goes past the limit, not when it reaches it, so that a line of
				// exactly the limit ends with its own newline rather than an empty line after it;
				// one CR may wait beyond the limit for the LF that would strip it
				int length = this.line.length();
				if (length >= this.maxLineLength && !(c == '\r' && length == this.maxLineLength)) {
					emit();
				}
				this.line.append(c);
			}
		}
	}

	private void emit() {
		String text = this.line.toString();
		this.line.setLength(0);
		if (this.failed) {
			return;
		}
		try {
			this.listener.accept(text);
		}
		catch (RuntimeException ex) {
			this.failed = true;
			logger.warn("Line listener for " + this.description + " failed; it gets no further lines", ex);
		}
	}

}
