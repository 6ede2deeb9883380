package io.github.ipcboot.shm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What a server does with a file already at its path: a channel file whose owner is gone (its
 * process does not exist, or its heartbeat is older than the peer timeout) is removed and
 * recreated; one whose owner lives is left alone and start-up fails; anything that is not a
 * channel file (no magic) is never removed, nor is a file another user owns.
 */
final class StaleFileCheck {

	private static final Log logger = LogFactory.getLog(StaleFileCheck.class);

	private StaleFileCheck() {
	}

	static void removeIfStale(ShmChannelSettings settings, Path path) {
		if (!Files.exists(path)) {
			return;
		}
		refuseAnotherUsersFile(settings, path);
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

	/**
	 * Refuse a file at the path that another user owns: in a shared directory such as
	 * {@code /dev/shm} anyone may create one first, with any content, and a server must neither
	 * take it over nor say only that something is in the way.
	 */
	private static void refuseAnotherUsersFile(ShmChannelSettings settings, Path path) {
		UserPrincipal owner;
		UserPrincipal self;
		try {
			owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS);
			self = FileOwnerCheck.processOwner();
		}
		catch (IOException | UnsupportedOperationException ex) {
			// no owners here (or it is gone meanwhile): what follows tells what is in the way
			return;
		}
		if (!owner.equals(self)) {
			throw new ShmFileException("The file " + path + " in the way of channel '" + settings.name()
					+ "' is owned by the user " + owner.getName() + ", not by this service's user " + self.getName()
					+ "; another user created it (in a shared directory anyone can): have that user or root remove"
					+ " it, or configure another ipc.shm.channels." + settings.name() + ".file in a directory"
					+ " only the service's user can write to", null);
		}
	}

}
