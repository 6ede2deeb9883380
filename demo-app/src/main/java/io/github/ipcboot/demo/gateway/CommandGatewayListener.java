package io.github.ipcboot.demo.gateway;

import java.util.List;
import java.util.concurrent.Executor;

import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.TcpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Answers the requests of the {@code commands} server, one line each:
 * <table>
 * <caption>Requests and replies</caption>
 * <tr><th>request</th><th>reply</th></tr>
 * <tr><td>{@code PING}</td><td>{@code OK PONG}</td></tr>
 * <tr><td>{@code ECHO <text>}</td><td>{@code OK <text>}</td></tr>
 * <tr><td>{@code LIST}</td><td>{@code CMD <name>} per command, then {@code OK <count>}</td></tr>
 * <tr><td>{@code RUN <name> [args...]}</td><td>{@code STDOUT}/{@code STDERR} lines, then
 * {@code OK EXIT <code> <duration-ms>}</td></tr>
 * <tr><td>{@code FORWARD <text>}</td><td>{@code OK <reply of the ingest server>}</td></tr>
 * <tr><td>{@code QUIT}</td><td>{@code OK BYE}, then the connection is closed</td></tr>
 * <tr><td>anything else</td><td>{@code ERR UNKNOWN_COMMAND <verb>}</td></tr>
 * </table>
 * Refused requests get {@code ERR <code> [detail]} (see {@link ErrorCode}). Oversized lines and
 * requests during a graceful shutdown are answered by the server itself, as configured in
 * {@code application.yml}.
 * <p>
 * Replies keep the order of the requests. Requests sent behind a {@code RUN} wait in the
 * connection's {@link RequestQueue} (at most {@code demo.gateway.max-queued-requests}; more are
 * answered {@code ERR BUSY}) while the connection's thread goes back to reading, so that a client
 * that disconnects is noticed at once and its child cancelled.
 */
@Component
public class CommandGatewayListener {

	/**
	 * The name of the server, as configured under {@code ipc.tcp.servers}.
	 */
	public static final String SERVER = "commands";

	/**
	 * The name of the server that speaks the same protocol on a Unix domain socket.
	 */
	public static final String LOCAL_SERVER = "commands-local";

	private final CommandRunner runner;

	private final IngestForwarder forwarder;

	private final ObjectProvider<TcpServers> servers;

	private final int maxQueued;

	private volatile @Nullable TcpServer server;

	/**
	 * Answers the requests that waited behind a {@code RUN}, off the thread that ended it.
	 */
	private final Executor continuation;

	/**
	 * Create a new instance.
	 * @param runner runs the configured commands
	 * @param forwarder forwards text to the ingest server
	 * @param servers the TCP servers, whose drain refuses the requests still waiting
	 * @param maxQueued how many requests a connection may queue behind a {@code RUN}
	 */
	public CommandGatewayListener(CommandRunner runner, IngestForwarder forwarder, ObjectProvider<TcpServers> servers,
			@Value("${demo.gateway.max-queued-requests:16}") int maxQueued) {
		this.runner = runner;
		this.forwarder = forwarder;
		this.servers = servers;
		this.maxQueued = maxQueued;
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("gateway-queue-");
		executor.setDaemon(true);
		this.continuation = executor;
	}

	/**
	 * Answer one request line, now or, behind a {@code RUN} in flight, once it has ended.
	 * @param line the request, without its line end
	 * @param session the client's connection
	 * @return always {@code null}: the final line is written by the connection's queue
	 */
	@TcpListener({ SERVER, LOCAL_SERVER })
	public @Nullable String onRequest(String line, TcpSession session) {
		RequestQueue.of(session, this.maxQueued, this::draining, this.continuation)
			.offer(line, (request, queue) -> answer(request, session, queue));
		return null;
	}

	private boolean draining() {
		TcpServer server = this.server;
		if (server == null) {
			// resolved on first use (the servers are built after the listener) and kept, since the
			// bean factory may no longer hand beans out while the context closes
			TcpServers available = this.servers.getIfAvailable();
			if (available == null) {
				return false;
			}
			server = available.get(SERVER);
			this.server = server;
		}
		return server.isDraining();
	}

	private @Nullable String answer(String line, TcpSession session, RequestQueue queue) {
		try {
			GatewayRequest request = GatewayRequest.parse(line);
			return switch (request.verb()) {
				case "PING", "ECHO" -> InstantRequests.answer(request);
				case "LIST" -> list(request, session);
				case "RUN" -> run(request, session, queue);
				case "FORWARD" -> Replies.ok(this.forwarder.forward(request.requireText()));
				case "QUIT" -> quit(request, session);
				default -> throw new GatewayException(ErrorCode.UNKNOWN_COMMAND, request.verb());
			};
		}
		catch (GatewayException ex) {
			return ex.reply();
		}
	}

	private String list(GatewayRequest request, TcpSession session) {
		request.requireNoArguments();
		List<String> names = this.runner.commandNames();
		names.forEach((name) -> session.send(Replies.data("CMD", name)));
		return Replies.ok(Integer.toString(names.size()));
	}

	private @Nullable String run(GatewayRequest request, TcpSession session, RequestQueue queue) {
		List<String> words = request.arguments();
		if (words.isEmpty()) {
			throw new GatewayException(ErrorCode.BAD_ARGS, "RUN needs a command name");
		}
		queue.track(this.runner.start(words.get(0), words.subList(1, words.size()), session, this::draining));
		return null;
	}

	private @Nullable String quit(GatewayRequest request, TcpSession session) {
		request.requireNoArguments();
		session.send(Replies.ok("BYE"));
		session.close();
		return null;
	}

}
