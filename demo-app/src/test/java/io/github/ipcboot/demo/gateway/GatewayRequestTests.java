package io.github.ipcboot.demo.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How a request line is cut into its verb, its text and its words.
 */
class GatewayRequestTests {

	@Test
	void wordsShouldBeSeparatedByRunsOfSpaces() {
		GatewayRequest request = GatewayRequest.parse("RUN  seq 1   5 ");
		assertThat(request.verb()).isEqualTo("RUN");
		assertThat(request.arguments()).containsExactly("seq", "1", "5");
	}

	@Test
	void textShouldBeEverythingAfterTheSpaceThatEndsTheVerb() {
		assertThat(GatewayRequest.parse("ECHO  a  b ").requireText()).isEqualTo(" a  b ");
		assertThat(GatewayRequest.parse("ECHO ").requireText()).isEmpty();
	}

	@Test
	void spacesBeforeTheVerbShouldBeIgnored() {
		assertThat(GatewayRequest.parse("   PING").verb()).isEqualTo("PING");
	}

	@Test
	void lineWithoutTextShouldHaveNoArguments() {
		GatewayRequest request = GatewayRequest.parse("LIST");
		assertThat(request.text()).isNull();
		assertThat(request.arguments()).isEmpty();
		assertThatExceptionOfType(GatewayException.class).isThrownBy(request::requireText)
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(ErrorCode.BAD_ARGS));
	}

	@Test
	void emptyLineShouldHaveAnEmptyVerb() {
		assertThat(GatewayRequest.parse("").verb()).isEmpty();
	}

}
