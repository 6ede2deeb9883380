package io.github.ipcboot.framing;

import java.util.List;

/**
 * One framing of every kind, with terminators that exercise the byte values tests care about.
 */
final class Samples {

	private Samples() {
	}

	static List<Framing> framings() {
		return List.of(Framing.line(), Framing.crlf(), Framing.lf(), Framing.terminator("\\r\\n\\r\\n"),
				Framing.terminator("\\x00"), Framing.terminator("\\xff"), Framing.terminator("END\\n"), Framing.stxEtx(),
				Framing.startEnd("\\x0b", "\\x1c\\r"), Framing.lengthHeader(1), Framing.lengthHeader(2),
				Framing.lengthHeader(4), Framing.fixed(8), Framing.eof());
	}

	static List<Framing> framingsWithFrameBoundaries() {
		return framings().stream().filter((framing) -> framing.getType() != FramingType.EOF).toList();
	}

	static List<Framing> framingsWithVariableLength() {
		return framingsWithFrameBoundaries().stream()
			.filter((framing) -> framing.getType() != FramingType.FIXED)
			.toList();
	}

	static List<Framing> framingsOfUnknownLength() {
		return framings().stream()
			.filter((framing) -> framing.getType() != FramingType.FIXED
					&& framing.getType() != FramingType.LENGTH_HEADER)
			.toList();
	}

}
