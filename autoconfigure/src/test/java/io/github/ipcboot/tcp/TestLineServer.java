package io.github.ipcboot.tcp;

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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A plain-socket line server on 127.0.0.1 for client tests: answers each line with what the
 * handler returns ({@code null}: no answer; {@link #CLOSE}: answer nothing and close). A
 * {@linkplain #stalling stalling} one leaves its first connections alone. Stopped by
 * {@link #close()}.
 */
public final class TestLineServer implements AutoCloseable {

	/** Handler result that closes the connection. */
	public static final String CLOSE = "\u0000close";

	/**
	 * Separates the parts of a handler result that go out in separate writes,
	 * {@value #PAUSE_MILLIS} ms apart (a gap in the traffic, so the client reads them apart).
	 */
	public static final String PAUSE = "\u0000pause\u0000";

	static final int PAUSE_MILLIS = 30;

	/** A line written on every new connection before anything is read, or {@code null}. */
	public volatile String greeting;

	private final ServerSocket serverSocket;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final Function<String, String> handler;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	public final List<String> received = new CopyOnWriteArrayList<>();

	public final AtomicInteger connections = new AtomicInteger();

	private final int stalled;

	public TestLineServer(Function<String, String> handler) throws IOException {
		this(handler, 0);
	}

	private TestLineServer(Function<String, String> handler, int stalled) throws IOException {
		this.handler = handler;
		this.stalled = stalled;
		this.serverSocket = new ServerSocket();
		if (stalled > 0) {
			// small, so that a large write to a stalled connection blocks at once
			this.serverSocket.setReceiveBufferSize(16 * 1024);
		}
		this.serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		this.threads.execute(this::accept);
	}

	/**
	 * Create a hostile peer: it accepts connections and, for the first {@code stalled} of them,
	 * never reads nor writes a byte (a TLS client waits for a ServerHello that never comes); later
	 * connections are answered with {@code OK <line>}.
	 */
	public static TestLineServer stalling(int stalled) throws IOException {
		return new TestLineServer((line) -> "OK " + line, stalled);
	}

	/**
	 * Return a handler that answers {@code OK <line>} once the latch is released (or nothing
	 * after 20 s).
	 */
	public static Function<String, String> answerWhenReleased(CountDownLatch release) {
		return (line) -> {
			try {
				return release.await(20, TimeUnit.SECONDS) ? "OK " + line : null;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		};
	}

	public int port() {
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
			String hello = this.greeting;
			if (hello != null) {
				out.write((hello + "\r\n").getBytes(StandardCharsets.UTF_8));
				out.flush();
			}
			String line;
			while ((line = in.readLine()) != null) {
				this.received.add(line);
				String answer = this.handler.apply(line);
				if (CLOSE.equals(answer)) {
					return;
				}
				if (answer != null) {
					write(out, answer);
				}
			}
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	private static void write(OutputStream out, String answer) throws IOException {
		String[] parts = answer.split(PAUSE, -1);
		for (int i = 0; i < parts.length; i++) {
			if (i > 0) {
				try {
					Thread.sleep(PAUSE_MILLIS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			out.write((parts[i] + "\r\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
		}
	}

	/**
	 * Write a line to every connection open now, unasked.
	 */
	public void push(String line) throws IOException {
		for (Socket socket : this.sockets) {
			if (!socket.isClosed()) {
				try {
					socket.getOutputStream().write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
					socket.getOutputStream().flush();
				}
				catch (IOException ex) {
					// closed meanwhile (its client went away)
				}
			}
		}
	}

	/**
	 * Close every connection open now (as a server that closes idle connections does) and go on
	 * accepting new ones.
	 */
	public void closeConnections() throws IOException {
		for (Socket socket : this.sockets) {
			socket.close();
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
