package io.github.ipcboot.tcp;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application-wide bound on WARN lines that peers cause.
 */
class WarnRateLimitTests {

	private final AtomicLong now = new AtomicLong(1_000);

	private final WarnRateLimit limit = new WarnRateLimit(this.now::get);

	@Test
	void linesBeyondTheWindowsBudgetShouldBeHeldBackAndCountedInTheNextWindow() {
		for (int i = 0; i < WarnRateLimit.MAX_PER_WINDOW; i++) {
			assertThat(this.limit.acquire()).isZero();
		}
		assertThat(this.limit.acquire()).isEqualTo(-1);
		assertThat(this.limit.acquire()).isEqualTo(-1);
		this.now.addAndGet(WarnRateLimit.WINDOW_NANOS - 1);
		assertThat(this.limit.acquire()).as("still the same window").isEqualTo(-1);
		this.now.addAndGet(1);
		assertThat(this.limit.acquire()).as("the first line of a new window tells what was held back").isEqualTo(3);
		assertThat(this.limit.acquire()).isZero();
	}

}
