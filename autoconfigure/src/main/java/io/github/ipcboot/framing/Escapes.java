package io.github.ipcboot.framing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Converts between byte sequences and the escaped text used to write them in configuration:
 * {@code \r}, {@code \n}, {@code \t}, {@code \\} and {@code \xHH} (two hex digits, any byte
 * 0x00-0xFF). Other characters stand for their UTF-8 bytes.
 * <p>
 * The starter interprets the escapes itself, so they work in single-quoted YAML
 * ({@code terminator: '\r\n\r\n'}) and in properties files. In double-quoted YAML, YAML
 * interprets the escapes first; that also works for control characters, but YAML turns
 * {@code "\xff"} into the character U+00FF, which is then written as its two UTF-8 bytes: use
 * single quotes for bytes above 0x7F.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public final class Escapes {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private Escapes() {
	}

	/**
	 * Convert escaped text to bytes.
	 * @param text the text, e.g. {@code \x0b} or {@code END\n}
	 * @return the bytes it stands for
	 * @throws IllegalArgumentException if an escape is unknown or incomplete
	 */
	public static byte[] parse(String text) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
		StringBuilder plain = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c != '\\') {
				plain.append(c);
				continue;
			}
			flush(plain, out);
			if (i + 1 >= text.length()) {
				throw new IllegalArgumentException(
						"Incomplete escape at the end of '" + text + "' (write \\\\ for a backslash)");
			}
			char e = text.charAt(++i);
			switch (e) {
				case 'r' -> out.write('\r');
				case 'n' -> out.write('\n');
				case 't' -> out.write('\t');
				case '\\' -> out.write('\\');
				case 'x' -> {
					out.write(hexByte(text, i + 1));
					i += 2;
				}
				default -> throw new IllegalArgumentException("Unknown escape '\\" + e + "' at index " + (i - 1)
						+ " of '" + text + "' (use \\r, \\n, \\t, \\\\ or \\xHH)");
			}
		}
		flush(plain, out);
		return out.toByteArray();
	}

	/**
	 * Convert bytes to escaped text that {@link #parse(String)} turns back into the same bytes.
	 * Printable ASCII stays as it is; everything else is escaped.
	 * @param bytes the bytes
	 * @return the escaped text
	 */
	public static String format(byte[] bytes) {
		StringBuilder sb = new StringBuilder(bytes.length * 2);
		for (byte b : bytes) {
			int v = b & 0xFF;
			switch (v) {
				case '\r' -> sb.append("\\r");
				case '\n' -> sb.append("\\n");
				case '\t' -> sb.append("\\t");
				case '\\' -> sb.append("\\\\");
				default -> {
					if (v >= 0x20 && v < 0x7F) {
						sb.append((char) v);
					}
					else {
						sb.append("\\x").append(HEX[v >>> 4]).append(HEX[v & 0xF]);
					}
				}
			}
		}
		return sb.toString();
	}

	private static void flush(StringBuilder plain, ByteArrayOutputStream out) {
		if (plain.length() > 0) {
			out.writeBytes(plain.toString().getBytes(StandardCharsets.UTF_8));
			plain.setLength(0);
		}
	}

	private static int hexByte(String text, int start) {
		if (start + 2 > text.length()) {
			throw new IllegalArgumentException(
					"Escape \\x at index " + (start - 2) + " of '" + text + "' needs two hex digits");
		}
		int high = hexDigit(text.charAt(start));
		int low = hexDigit(text.charAt(start + 1));
		if (high < 0 || low < 0) {
			throw new IllegalArgumentException("Escape \\x at index " + (start - 2) + " of '" + text
					+ "' needs two hex digits, got '" + text.substring(start, start + 2) + "'");
		}
		return (high << 4) | low;
	}

	private static int hexDigit(char c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		if (c >= 'a' && c <= 'f') {
			return c - 'a' + 10;
		}
		return (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
	}

}
