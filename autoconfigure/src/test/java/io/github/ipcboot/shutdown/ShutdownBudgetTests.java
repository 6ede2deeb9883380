package io.github.ipcboot.shutdown;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ShutdownBudget}.
 */
class ShutdownBudgetTests {

	private final ShutdownBudget budget = new ShutdownBudget(Duration.ofSeconds(5), Duration.ofSeconds(30),
			Duration.ofSeconds(9), ShutdownBudget.AFTER_TERMINATION, Duration.ofSeconds(10));

	@Test
	void totalShouldBeTheSumOfEveryTerm() {
		assertThat(this.budget.total()).isEqualTo(Duration.ofSeconds(5 + 30 + 9 + 2 + 10));
	}

	@Test
	void hardDeadlineShouldAddTheMarginToTheTotal() {
		assertThat(this.budget.hardDeadline()).isEqualTo(Duration.ofSeconds(56 + 5));
	}

	@Test
	void toStringShouldSpellTheFormulaWithItsValues() {
		assertThat(this.budget).hasToString("drain-delay 5000 ms + timeout 30000 ms + termination 9000 ms"
				+ " + after-termination 2000 ms + web server phase 10000 ms = 56000 ms");
	}

}
