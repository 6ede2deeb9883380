package io.github.ipcboot.shm;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What a server does with a file already at its path: a channel file whose owner is gone (its
 * process does not exist, or its heartbeat is older than the peer timeout) is removed and
 * recreated; one whose owner lives is left alone and start-up fails; anything that is not a
 * channel file (no magic) is never removed.
 */
final class StaleFileCheck {

	private static final Log logger = LogFactory.getLog(StaleFileCheck.class);

	private StaleFileCheck() {
	}

	static void removeIfStale(ShmChannelSettings settings, Path path) {
		if (!Files.exists(path)) {
			return;
		}
		ShmFile existing;
		try {
			existing = ShmFile.open(path);
		}
		catch (ShmFileException ex) {
			throw new ShmFileException("A file that is not a channel file is in the way of channel '" + settings.name()
					+ "' at " + path + "; remove it or configure another ipc.shm.channels." + settings.name()
					+ ".file (" + ex.getMessage() + ")", ex);
		}
		long now = System.currentTimeMillis();
		try (existing) {
			ShmHeader header = existing.header();
			long pid = header.pid(ShmRole.SERVER);
			long age = now - header.heartbeat(ShmRole.SERVER);
			if (header.serverState() != ShmLayout.STATE_CLOSED
					&& header.isAlive(ShmRole.SERVER, now, settings.peerTimeout().toMillis())) {
				throw new ShmFileException("Channel file " + path + " of channel '" + settings.name()
						+ "' is owned by the live process " + pid + " (heartbeat " + age
						+ " ms old); two servers cannot share a channel", null);
			}
			logger.warn("Replacing the stale file " + path + " of shared-memory channel '" + settings.name()
					+ "': its owner, process " + pid + ", is gone (heartbeat " + age + " ms old)");
		}
		ShmFile.deleteQuietly(path);
	}

}
