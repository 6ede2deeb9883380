package io.github.ipcboot.shm;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

/**
 * The two faults that stop a channel, each kept until cleared: a broken mapping (the file was
 * truncated under it, so nothing may touch it any more), reported, counted and logged once, and a
 * record that failed the reader's checks (reading stops, or a server gives up its client).
 */
final class ChannelFaults {

	private final ShmChannelSettings settings;

	private final ShmStats stats;

	private final Log logger;

	private volatile @Nullable ShmMappingException broken;

	private volatile @Nullable ShmCorruptRecordException corruption;

	ChannelFaults(ShmChannelSettings settings, ShmStats stats, Log logger) {
		this.settings = settings;
		this.stats = stats;
		this.logger = logger;
	}

	/**
	 * Record that the mapping must no longer be touched, unless that is known already.
	 * @param cause what showed it
	 */
	void markBroken(Throwable cause) {
		if (this.broken == null) {
			this.broken = new ShmMappingException("Shared-memory channel '" + this.settings.name()
					+ "' stopped using " + this.settings.file() + ": " + cause.getMessage(), cause);
			this.stats.brokenMapping();
			this.logger.error(this.broken.getMessage());
		}
	}

	@Nullable ShmMappingException broken() {
		return this.broken;
	}

	/**
	 * Forget the broken mapping: a new one was made.
	 */
	void clearBroken() {
		this.broken = null;
	}

	@Nullable ShmCorruptRecordException corruption() {
		return this.corruption;
	}

	void corrupted(@Nullable ShmCorruptRecordException corruption) {
		this.corruption = corruption;
	}

}
