package io.github.ipcboot.tcp.autoconfigure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hostile peer on 127.0.0.1: it accepts connections and, for the first {@code stalled} of them,
 * never reads nor writes a byte (a small receive buffer makes a large write block at once; a TLS
 * client waits for a ServerHello that never comes). Later connections are answered line by line
 * with {@code OK <line>}. Stopped by {@link #close()}.
 */
final class StallingServer implements AutoCloseable {

	private static final int RECEIVE_BUFFER = 16 * 1024;

	private final ServerSocket serverSocket;

	private final int stalled;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	final AtomicInteger connections = new AtomicInteger();

	StallingServer(int stalled) throws IOException {
		this.stalled = stalled;
		this.serverSocket = new ServerSocket();
		this.serverSocket.setReceiveBufferSize(RECEIVE_BUFFER);
		this.serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		this.threads.execute(this::accept);
	}

	int port() {
		return this.serverSocket.getLocalPort();
	}

	private void accept() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				this.sockets.add(socket);
				if (this.connections.incrementAndGet() > this.stalled) {
					this.threads.execute(() -> serve(socket));
				}
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			OutputStream out = socket.getOutputStream();
			String line;
			while ((line = in.readLine()) != null) {
				out.write(("OK " + line + "\r\n").getBytes(StandardCharsets.UTF_8));
				out.flush();
			}
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
		this.threads.shutdownNow();
		try {
			this.threads.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
