package io.github.ipcboot.udp;

import io.github.ipcboot.autoconfigure.IpcStartupException;

import org.jspecify.annotations.Nullable;

/**
 * A UDP endpoint could not start: its port is in use, its address is not one of this host's, or
 * its multicast group or interface is wrong. The message names the endpoint and the setting.
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public class UdpStartupException extends IpcStartupException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new instance.
	 * @param message what failed and where
	 * @param cause the cause
	 */
	public UdpStartupException(String message, @Nullable Throwable cause) {
		super(message, null, null, "Check the endpoint's port (is another process using it?), address and multicast "
				+ "settings under ipc.udp.endpoints.", cause);
	}

}
