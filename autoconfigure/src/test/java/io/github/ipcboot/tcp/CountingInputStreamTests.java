package io.github.ipcboot.tcp;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

/**
 * Tests for {@link CountingInputStream}: every byte a reader gets or skips is counted once, in
 * every way of reading, and the end of the stream counts nothing.
 */
class CountingInputStreamTests {

	private final ConnectionStats stats = mock(ConnectionStats.class);

	private final CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(new byte[] { 7, 8, 9, 10,
			11, 12 }), this.stats);

	@Test
	void singleByteReadsShouldCountOneEachAndNothingAtTheEnd() throws IOException {
		assertThat(this.in.read()).isEqualTo(7);
		assertThat(this.in.skip(4)).isEqualTo(4);
		assertThat(this.in.read()).isEqualTo(12);
		assertThat(this.in.read()).isEqualTo(-1);
		verify(this.stats, times(2)).received(1);
		verify(this.stats).received(4);
		verifyNoMoreInteractions(this.stats);
	}

	@Test
	void arrayReadsAndSkipsShouldCountWhatTheyGot() throws IOException {
		byte[] buffer = new byte[4];
		assertThat(this.in.available()).isEqualTo(6);
		assertThat(this.in.read(buffer, 0, 0)).isZero();
		assertThat(this.in.read(buffer, 0, 4)).isEqualTo(4);
		assertThat(this.in.skip(10)).isEqualTo(2);
		assertThat(this.in.read(buffer, 0, 4)).isEqualTo(-1);
		assertThat(this.in.skip(10)).isZero();
		verify(this.stats).received(4);
		verify(this.stats).received(2);
		verify(this.stats, times(2)).received(anyLong());
		this.in.close();
	}

}
