package io.github.ipcboot.shm;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.concurrent.BusySpinIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When {@link PeerWatch} checks its peer: on the monotonic clock, whatever the wall clock does.
 */
class PeerWatchTests {

	private static final long HOUR_MILLIS = TimeUnit.HOURS.toMillis(1);

	@TempDir
	Path directory;

	@Test
	void aWallClockStepBackShouldNotSuspendTheChecks() {
		ShmChannelSettings settings = ShmTestChannels.settings("watch", ShmRole.SERVER, this.directory.resolve("watch"));
		long interval = settings.heartbeatInterval().toMillis();
		AtomicLong wall = new AtomicLong(System.currentTimeMillis());
		AtomicLong nanos = new AtomicLong(0);
		ShmStats stats = new ShmStats();
		PeerWatch watch = new PeerWatch(settings, stats, wall::get, nanos::get);
		ShmFile file = ShmFile.create(settings, ProcessHandle.current().pid());
		Attachment attached = new Attachment(file, new RingReader(file.requestRing(), 1024, "request ring"),
				new RingWriter(file.replyRing(), settings, stats, "reply ring"));
		try {
			watch.check(attached);
			assertThat(file.header().heartbeat(ShmRole.SERVER)).isEqualTo(wall.get());
			// not due yet, however far the wall clock moves
			wall.addAndGet(interval * 10);
			nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(interval) - 1);
			watch.check(attached);
			assertThat(file.header().heartbeat(ShmRole.SERVER)).isEqualTo(wall.get() - interval * 10);
			// the wall clock steps back an hour: the check is due one interval after the last
			wall.addAndGet(-HOUR_MILLIS);
			nanos.addAndGet(1);
			watch.check(attached);
			assertThat(file.header().heartbeat(ShmRole.SERVER)).isEqualTo(wall.get());
		}
		finally {
			attached.close(new BusySpinIdleStrategy(), 0);
			ShmFile.deleteQuietly(file.path());
		}
	}

}
