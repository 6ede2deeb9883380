package io.github.ipcboot.tcp;

import java.net.InetSocketAddress;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One client connection of a TCP server, as seen by a {@link TcpListener} method.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public interface TcpSession {

	/**
	 * Return the connection id, unique within the server (Spring Integration's connection id).
	 * @return the id
	 */
	String id();

	/**
	 * Return the name of the server the connection belongs to.
	 * @return the server name
	 */
	String serverName();

	/**
	 * Return the address and port of the client; the loopback address and port 0 on a Unix domain
	 * socket, whose peers have no address (see {@link #peerCredentials()}).
	 * @return the remote address
	 */
	InetSocketAddress remoteAddress();

	/**
	 * Return who the client runs as, on a Unix domain socket: its user and group as the kernel
	 * reported them when it connected.
	 * @return the credentials, or {@code null} over TCP (and where the platform does not report them)
	 */
	default @Nullable PeerCredentials peerCredentials() {
		return null;
	}

	/**
	 * Return attributes that live as long as the connection, for the application's own use.
	 * @return a mutable, thread-safe map
	 */
	Map<String, Object> attributes();

	/**
	 * Write one frame to the client.
	 * @param frame the frame's bytes, without framing bytes
	 * @throws TcpSessionClosedException if the connection is closed or the write fails
	 * @throws TcpFrameNotWritableException if the framing cannot write the frame (nothing was
	 * written, the connection stays open)
	 */
	void send(byte[] frame);

	/**
	 * Write one frame to the client, encoded with the server's charset.
	 * @param frame the frame's text, without framing bytes
	 * @throws TcpSessionClosedException if the connection is closed or the write fails
	 * @throws TcpFrameNotWritableException if the framing cannot write the frame (nothing was
	 * written, the connection stays open)
	 */
	void send(String frame);

	/**
	 * Return whether the connection is open.
	 * @return whether frames can still be sent
	 */
	boolean isOpen();

	/**
	 * Close the connection. Frames already written are delivered first.
	 */
	void close();

	/**
	 * Run a callback once the connection has closed, whoever closed it (the client, the server, an
	 * idle timeout or a shutdown); at once if it is closed already. A blocking ({@code net})
	 * connection notices that the client went away when it next reads or writes, so a listener
	 * that waits for long without writing should hand its work to another thread and return
	 * (marking it with {@link #beginWork()}).
	 * @param callback the callback, run at most once, on the thread that closed the connection
	 */
	void onClose(Runnable callback);

	/**
	 * Begin work for this connection that goes on after the listener method returned, such as
	 * frames another thread streams to the client. Until the returned callback runs, the
	 * connection counts as busy, as while a frame is being handled: a graceful shutdown does not
	 * close it as idle, and closes it once the work has ended.
	 * @return the callback that ends the work; only its first run counts
	 */
	Runnable beginWork();

}
