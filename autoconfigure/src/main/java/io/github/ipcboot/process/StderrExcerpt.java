package io.github.ipcboot.process;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The last lines of a run's standard error, for the message of the exception a failed run
 * raises, so that a log line says why: at most {@value #MAX_LINES} lines of at most
 * {@value #MAX_LINE_LENGTH} characters, {@value #MAX_CHARS} characters in all, decoded from the
 * last {@value #MAX_BYTES} bytes kept, with the sensitive arguments of the command redacted as in
 * {@link CommandLine#redact(String)}.
 */
final class StderrExcerpt {

	static final int MAX_LINES = 10;

	static final int MAX_LINE_LENGTH = 300;

	static final int MAX_CHARS = 1000;

	/** Enough bytes for the lines shown in any charset: four bytes per character at the most. */
	static final int MAX_BYTES = 4 * MAX_CHARS;

	private StderrExcerpt() {
	}

	/**
	 * Returns the excerpt as the end of a message, {@code "; stderr (last N lines):"} followed by
	 * one indented line each, or an empty string when standard error is empty.
	 */
	static String of(ProcessResult result) {
		List<String> lines = lastLines(result);
		if (lines.isEmpty()) {
			return "";
		}
		StringBuilder message = new StringBuilder("; stderr (last ").append(lines.size())
			.append((lines.size() == 1) ? " line):" : " lines):");
		lines.forEach((line) -> message.append("\n    ").append(line));
		return message.toString();
	}

	private static List<String> lastLines(ProcessResult result) {
		CapturedOutput stderr = result.stderr();
		// the tail ends the output whenever it holds anything; without it the head is all of it
		byte[] kept = (stderr.tail().length > 0) ? stderr.tail() : stderr.head();
		byte[] end = Arrays.copyOfRange(kept, Math.max(0, kept.length - MAX_BYTES), kept.length);
		String text = result.command().redact(new String(end, stderr.charset()));
		Deque<String> lines = new ArrayDeque<>();
		int chars = 0;
		List<String> all = text.lines().map(String::stripTrailing).toList();
		int last = all.size() - 1;
		while (last >= 0 && all.get(last).isEmpty()) {
			last--;
		}
		for (int i = last; i >= 0 && lines.size() < MAX_LINES; i--) {
			String line = all.get(i);
			if (line.length() > MAX_LINE_LENGTH) {
				line = line.substring(0, MAX_LINE_LENGTH) + "...";
			}
			if (chars + line.length() > MAX_CHARS) {
				break;
			}
			chars += line.length();
			lines.addFirst(line);
		}
		return List.copyOf(lines);
	}

}
