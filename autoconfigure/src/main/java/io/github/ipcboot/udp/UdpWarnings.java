package io.github.ipcboot.udp;

import io.github.ipcboot.tcp.WarnRateLimit;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

/**
 * The WARN lines that senders can cause on one endpoint, bounded by a {@link WarnRateLimit}: the
 * lines over the limit go to DEBUG, and the next WARN line tells how many were held back.
 */
final class UdpWarnings {

	private final WarnRateLimit limit = new WarnRateLimit(System::nanoTime);

	void warn(Log logger, String message, @Nullable Throwable ex) {
		long held = this.limit.acquire();
		if (held < 0) {
			logger.debug(message, ex);
		}
		else {
			logger.warn(message + ((held > 0) ? " (" + held + " similar lines held back)" : ""), ex);
		}
	}

}
