package io.github.ipcboot.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import io.github.ipcboot.autoconfigure.IpcStartupException;
import io.github.ipcboot.tcp.unix.UnixSocketFileException;
import org.jspecify.annotations.Nullable;

/**
 * Explains why a server could not listen. Spring Integration only logs the cause on its acceptor
 * thread, so the server probes its address once more on port 0: when even that fails, the address
 * is at fault (not one of this host's, or a name that does not resolve), otherwise the port most
 * likely is (in use, or privileged). A Unix domain socket's failure is the one its factory caught.
 */
final class ListenFailure {

	private ListenFailure() {
	}

	/**
	 * Build the start-up failure.
	 * @param settings the server's settings
	 * @param unixFailure why a Unix domain socket could not be bound, or {@code null}
	 * @return the exception, naming the address or the port as the property at fault
	 */
	static IpcStartupException describe(TcpServerSettings settings, @Nullable IOException unixFailure) {
		String address = settings.address();
		String property = "ipc.tcp.servers." + settings.name();
		if (settings.isUnix()) {
			String message = (unixFailure instanceof UnixSocketFileException) ? unixFailure.getMessage()
					: "TCP server '" + settings.name() + "' could not listen on " + address + ((unixFailure != null)
							? ": " + unixFailure.getClass().getSimpleName() + ": " + unixFailure.getMessage()
							: " (see the log above)");
			return new IpcStartupException(message, property + ".address", address,
					"Remove what is at that path, or set " + property + ".address to another unix:<path>.", unixFailure);
		}
		String where = ((address != null) ? address : "all interfaces") + ":" + settings.port();
		String prefix = "TCP server '" + settings.name() + "' could not listen on " + where;
		if (address != null) {
			try (ServerSocket probe = new ServerSocket()) {
				probe.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
			}
			catch (IOException ex) {
				return new IpcStartupException(prefix + ": its address '" + address + "' (" + property
						+ ".address) cannot be bound on this host (" + ex.getClass().getSimpleName() + ": "
						+ ex.getMessage() + ")", property + ".address", address,
						"Set " + property + ".address to an address of this host (e.g. 127.0.0.1), or remove it "
								+ "to listen on all interfaces.",
						null);
			}
		}
		return new IpcStartupException(prefix + " (is the port in use? see the log above)", property + ".port",
				settings.port(), "Stop the process that listens on port " + settings.port() + ", or set " + property
						+ ".port to another port (0 for an ephemeral one).",
				null);
	}

}
