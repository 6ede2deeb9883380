package io.github.ipcboot.framing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Framing} and {@link FramingType}.
 */
class FramingTests {

	@Test
	void fromNameShouldAcceptConfigurationSpellings() {
		assertThat(FramingType.fromName("length-header")).isEqualTo(FramingType.LENGTH_HEADER);
		assertThat(FramingType.fromName("START_END")).isEqualTo(FramingType.START_END);
		assertThat(FramingType.fromName(" Line ")).isEqualTo(FramingType.LINE);
		assertThatIllegalArgumentException().isThrownBy(() -> FramingType.fromName("netstring"))
			.withMessageContaining("Unknown framing 'netstring'");
	}

	@Test
	void builderShouldBuildFramingsFromEscapedConfigurationText() {
		Framing mllp = Framing.builder(FramingType.START_END).start("\\x0b").end("\\x1c\\r").maxFrameSize(1000).build();
		assertThat(mllp).isEqualTo(Framing.startEnd(new byte[] { 0x0b }, new byte[] { 0x1c, '\r' })
			.withMaxFrameSize(1000));
		assertThat(mllp).hasToString("start-end '\\x0b' ... '\\x1c\\r' (max 1000 bytes)");
		assertThat(Framing.builder(FramingType.LENGTH_HEADER).build().getLengthHeaderSize()).isEqualTo(4);
		assertThat(Framing.builder(FramingType.FIXED).fixedLength(16).build().getFixedLength()).isEqualTo(16);
		assertThat(Framing.builder(FramingType.TERMINATOR).terminator("END\\n").build().getEnd())
			.containsExactly('E', 'N', 'D', '\n');
	}

	@Test
	void builderShouldRejectMissingAndMisplacedParameters() {
		assertThatIllegalArgumentException().isThrownBy(() -> Framing.builder(FramingType.TERMINATOR).build())
			.withMessage("framing 'terminator' needs a terminator, e.g. terminator: '\\r\\n\\r\\n'");
		assertThatIllegalArgumentException().isThrownBy(() -> Framing.builder(FramingType.START_END).end("x").build())
			.withMessageContaining("needs a start sequence");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Framing.builder(FramingType.LINE).terminator("\\r\\n").build())
			.withMessage("'terminator' applies to framing 'terminator' only, not to 'line'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Framing.builder(FramingType.LENGTH_HEADER).lengthHeaderSize(3).build())
			.withMessageContaining("header size of 1, 2 or 4 bytes, got 3");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Framing.builder(FramingType.FIXED).fixedLength(100).maxFrameSize(10).build())
			.withMessageContaining("between 1 and max-frame-size (10), got 100");
		assertThatIllegalArgumentException().isThrownBy(() -> Framing.line().withMaxFrameSize(0))
			.withMessageContaining("max-frame-size must be between 1 and");
		assertThatIllegalArgumentException().isThrownBy(() -> Framing.terminator(new byte[0]))
			.withMessageContaining("needs a terminator");
	}

	@Test
	void builderShouldRejectEveryParameterTheFramingDoesNotUse() {
		assertThatIllegalArgumentException().isThrownBy(() -> Framing.builder(FramingType.LINE).start("<").build())
			.withMessage("'start' applies to framing 'start-end' only, not to 'line'");
		assertThatIllegalArgumentException().isThrownBy(() -> Framing.builder(FramingType.STX_ETX).end(">").build())
			.withMessage("'end' applies to framing 'start-end' only, not to 'stx-etx'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Framing.builder(FramingType.FIXED).fixedLength(4).lengthHeaderSize(2).build())
			.withMessage("'length-header-size' applies to framing 'length-header' only, not to 'fixed'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Framing.builder(FramingType.LENGTH_HEADER).fixedLength(4).build())
			.withMessage("'fixed-length' applies to framing 'fixed' only, not to 'length-header'");
		assertThatIllegalArgumentException().isThrownBy(() -> Framing.builder(FramingType.START_END).start("<").build())
			.withMessageContaining("needs an end sequence");
	}

	@Test
	void limitsShouldIncludeTheirBounds() {
		assertThat(Framing.line().withMaxFrameSize(1).getMaxFrameSize()).isEqualTo(1);
		assertThat(Framing.line().withMaxFrameSize(Framing.LARGEST_MAX_FRAME_SIZE).getMaxFrameSize())
			.isEqualTo(Framing.LARGEST_MAX_FRAME_SIZE);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Framing.line().withMaxFrameSize(Framing.LARGEST_MAX_FRAME_SIZE + 1));
		assertThat(Framing.fixed(10).withMaxFrameSize(10).getFixedLength()).isEqualTo(10);
		assertThatIllegalArgumentException().isThrownBy(() -> Framing.fixed(0));
	}

	@Test
	void framingsShouldBeEqualWhenTypeBytesAndSizesAre() {
		Framing framing = Framing.startEnd("<", ">").withMaxFrameSize(100);
		Framing same = Framing.startEnd(new byte[] { '<' }, new byte[] { '>' }).withMaxFrameSize(100);
		assertThat(framing).isEqualTo(framing).isEqualTo(same).hasSameHashCodeAs(same);
		assertThat(framing).isNotEqualTo(Framing.startEnd("[", ">").withMaxFrameSize(100))
			.isNotEqualTo(Framing.startEnd("<", "]").withMaxFrameSize(100))
			.isNotEqualTo(Framing.startEnd("<", ">").withMaxFrameSize(101))
			.isNotEqualTo(Framing.terminator(">").withMaxFrameSize(100))
			.isNotEqualTo("start-end");
		assertThat(Framing.lengthHeader(2)).isNotEqualTo(Framing.lengthHeader(4));
		assertThat(Framing.fixed(8)).isNotEqualTo(Framing.fixed(9));
		assertThat(Framing.lengthHeader(2).hashCode()).isNotEqualTo(Framing.lengthHeader(4).hashCode());
	}

	@Test
	void incompleteFrameShouldSayWhatWasExpectedWhenKnown() {
		assertThat(new IncompleteFrameException(3, 0)).hasMessage("stream ended after 3 bytes of an unfinished frame (expected 0)");
		assertThat(new IncompleteFrameException(3, 10)).hasMessageEndingWith("(expected 10)");
		assertThat(new IncompleteFrameException(3, -1)).hasMessage("stream ended after 3 bytes of an unfinished frame");
	}

	@Test
	void framingShouldCopyItsBytes() {
		byte[] terminator = { 0x00 };
		Framing framing = Framing.terminator(terminator);
		terminator[0] = 0x01;
		framing.getEnd()[0] = 0x02;
		assertThat(framing.getEnd()).containsExactly(0x00);
	}

	@Test
	void defaultsShouldMatchTheDocumentation() {
		assertThat(Framing.line().getMaxFrameSize()).isEqualTo(64 * 1024);
		assertThat(Framing.lengthHeader().getLengthHeaderSize()).isEqualTo(4);
		assertThat(Framing.fixed(100_000).getMaxFrameSize()).isEqualTo(100_000);
		assertThat(Framing.builder(FramingType.FIXED).fixedLength(100_000).build().getMaxFrameSize())
			.isEqualTo(100_000);
	}

	@Test
	void builderShouldMakeTheSameFramingAsTheFactories() {
		assertThat(Framing.builder(FramingType.LINE).build()).isEqualTo(Framing.line());
		assertThat(Framing.builder(FramingType.CRLF).build()).isEqualTo(Framing.crlf());
		assertThat(Framing.builder(FramingType.LF).build()).isEqualTo(Framing.lf());
		assertThat(Framing.builder(FramingType.STX_ETX).build()).isEqualTo(Framing.stxEtx());
		assertThat(Framing.builder(FramingType.EOF).build()).isEqualTo(Framing.eof());
		assertThat(Framing.builder(FramingType.LENGTH_HEADER).lengthHeaderSize(2).build())
			.isEqualTo(Framing.lengthHeader(2));
		assertThat(Framing.builder(FramingType.FIXED).fixedLength(8).build()).isEqualTo(Framing.fixed(8));
		assertThat(Framing.line().getLengthHeaderSize()).isZero();
	}

	@Test
	void fixedFramingWithoutALengthShouldBeRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Framing.builder(FramingType.FIXED).build())
			.withMessageStartingWith("framing 'fixed' needs a frame length between 1 and max-frame-size")
			.withMessageEndingWith("got 0");
	}

}
